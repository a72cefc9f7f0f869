/**
 * The learning path under load: 200 learners at once, each answering the ten questions of a test
 * one by one as the quiz island sends them (`POST …/test/answer/`), then submitting the test
 * (`POST …/test/`, the plain form), against the built portal on an embedded PGlite and on the
 * PostgreSQL server. In the same run, a bare Node `http` server that reads the same requests and
 * answers at once is loaded the same way: the ceiling of this machine, printed beside the portal
 * as a ratio. Prints figures; asserts nothing.
 *
 * Learners are seeded before the server starts, through the school's store (enrolled, the first
 * module's lessons opened and read, an attempt started), with sessions as sign-in starts them.
 */
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readConfig } from '../app/config.ts';
import { portalMigrations } from '../app/runtime.ts';
import { startSession } from '../features/auth/store.ts';
import type { CourseRules } from '../features/school/course.ts';
import { enrol, markLessonRead, openLesson, startAttempt } from '../features/school/store.ts';
import { openDatabase, type Database } from '../platform/db/database.ts';
import { migrate } from '../platform/db/migrate.ts';
import { adminQuery, percentile, serverEnv, serverUrl, table } from './bench-common.ts';
import { startServer } from './bench-server.ts';
import { localCourseRules } from './course-rules.ts';

const learners = 200;
const port = Number(process.env['BENCH_LEARNING_PORT'] ?? 4359);
const ceilingPort = port + 1;
const benchDatabase = 'alaqan_bench_learning';
/** The session cookie of a development run. */
const sessionCookie = 'alaqan_session';

interface Learner {
  token: string;
  attemptId: string;
  questions: string[];
}

interface Timed {
  ms: number;
  ok: boolean;
}

async function seed(db: Database, course: CourseRules): Promise<Learner[]> {
  await migrate(db, portalMigrations);
  const module = course.modules[0];
  if (!module) throw new Error('the course has no module');
  const now = new Date();
  const seeded: Learner[] = [];
  for (let index = 0; index < learners; index += 1) {
    const [row] = await db.query<{ id: string }>(
      "insert into applicants (email, locale) values ($1, 'kk') returning id",
      [`learner-${String(index).padStart(4, '0')}@example.kz`],
    );
    const applicantId = row?.id ?? '';
    await enrol(db, {
      applicantId,
      course: course.key,
      name: { givenName: 'Әлия', familyName: 'Құрманова' },
      district: 'taraz',
      locale: 'kk',
      now,
    });
    for (const lesson of module.lessons) {
      await openLesson(db, { applicantId, course, lesson, now });
      await markLessonRead(db, { applicantId, course, lesson, now });
    }
    const started = await startAttempt(db, { applicantId, course, module: module.key, now });
    if (started.status !== 'started') throw new Error(`learner ${String(index)}: no attempt (${started.status})`);
    seeded.push({
      token: await startSession(db, applicantId, now),
      attemptId: started.attempt.id,
      questions: started.attempt.questions,
    });
  }
  return seeded;
}

async function timed(request: () => Promise<Response>, expected: (response: Response) => boolean): Promise<Timed> {
  const start = performance.now();
  try {
    const response = await request();
    await response.arrayBuffer();
    return { ms: performance.now() - start, ok: expected(response) };
  } catch {
    return { ms: performance.now() - start, ok: false };
  }
}

/**
 * Every learner at once, in two phases timed apart: first each sends its ten answers one after
 * another, then each submits its test.
 */
async function load(
  origin: string,
  moduleKey: string,
  seeded: readonly Learner[],
  rightOf: (question: string) => string,
) {
  const headersOf = (learner: Learner) => ({
    origin,
    cookie: `${sessionCookie}=${learner.token}`,
    'content-type': 'application/x-www-form-urlencoded',
  });
  const answers: Timed[] = [];
  const answersStart = performance.now();
  await Promise.all(
    seeded.map(async (learner) => {
      for (const question of learner.questions) {
        const body = new URLSearchParams({ attempt: learner.attemptId, question, option: rightOf(question) });
        answers.push(
          await timed(
            () =>
              fetch(`${origin}/kk/course/${moduleKey}/test/answer/`, {
                method: 'POST',
                headers: headersOf(learner),
                body,
              }),
            (response) => response.status === 200,
          ),
        );
      }
    }),
  );
  const answerSeconds = (performance.now() - answersStart) / 1000;
  const submissions: Timed[] = [];
  const submissionsStart = performance.now();
  await Promise.all(
    seeded.map(async (learner) => {
      const body = new URLSearchParams({ action: 'submit', attempt: learner.attemptId });
      submissions.push(
        await timed(
          () =>
            fetch(`${origin}/kk/course/${moduleKey}/test/`, {
              method: 'POST',
              headers: headersOf(learner),
              body,
              redirect: 'manual',
            }),
          (response) => response.status === 303 && (response.headers.get('location') ?? '').includes('/attempts/'),
        ),
      );
    }),
  );
  return { answers, answerSeconds, submissions, submissionSeconds: (performance.now() - submissionsStart) / 1000 };
}

interface Row {
  name: string;
  answersPerSecond: number;
  answerP95: number;
  submissionsPerSecond: number;
  submissionP95: number;
  errors: number;
}

function rowOf(name: string, result: Awaited<ReturnType<typeof load>>): Row {
  const ok = (list: Timed[]) => list.filter((entry) => entry.ok);
  const p95 = (list: Timed[]) =>
    percentile(
      ok(list)
        .map((entry) => entry.ms)
        .sort((a, b) => a - b),
      0.95,
    );
  return {
    name,
    answersPerSecond: ok(result.answers).length / result.answerSeconds,
    answerP95: p95(result.answers),
    submissionsPerSecond: ok(result.submissions).length / result.submissionSeconds,
    submissionP95: p95(result.submissions),
    errors:
      result.answers.length + result.submissions.length - ok(result.answers).length - ok(result.submissions).length,
  };
}

async function onDatabase(
  name: string,
  course: CourseRules,
  open: () => Promise<Database>,
  env: NodeJS.ProcessEnv,
): Promise<Row> {
  const seeding = await open();
  let seeded: Learner[];
  const seedStart = performance.now();
  try {
    seeded = await seed(seeding, course);
  } finally {
    await seeding.close();
  }
  console.log(
    `${name}: seeded ${String(learners)} learners at a test in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
  );
  const module = course.modules[0];
  if (!module) throw new Error('the course has no module');
  const rightOf = (question: string) =>
    module.questions.find((candidate) => candidate.key === question)?.correct ?? 'a';
  const server = await startServer(port, env);
  try {
    return rowOf(name, await load(server.origin, module.key, seeded, rightOf));
  } finally {
    await server.stop();
  }
}

/** A bare Node server answering the same requests at once: what this machine allows at most. */
async function onCeiling(course: CourseRules): Promise<Row> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      if (request.url?.endsWith('/answer/')) {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"saved":true}');
      } else {
        response.writeHead(303, { location: '/kk/course/module/attempts/id/' });
        response.end();
      }
    });
  });
  server.listen(ceilingPort, '127.0.0.1');
  await once(server, 'listening');
  const module = course.modules[0];
  const fake = Array.from({ length: learners }, (_, index) => ({
    token: String(index),
    attemptId: crypto.randomUUID(),
    questions: (module?.questions ?? []).slice(0, course.questionsPerTest).map((question) => question.key),
  }));
  try {
    return rowOf(
      'bare Node http',
      await load(`http://127.0.0.1:${String(ceilingPort)}`, module?.key ?? 'module', fake, () => 'a'),
    );
  } finally {
    server.close();
  }
}

export async function benchLearning(): Promise<void> {
  console.log(
    `Learning path: ${String(learners)} learners at once, each saving 10 answers then submitting the test, on the built portal at port ${String(port)}`,
  );
  const course = await localCourseRules();
  const rows: Row[] = [await onCeiling(course)];
  const dataDir = await mkdtemp(path.join(tmpdir(), 'alaqan-bench-'));
  try {
    const location = readConfig({ DATA_DIR: dataDir, NODE_ENV: 'development' }).database;
    rows.push(await onDatabase('PGlite', course, () => openDatabase(location), serverEnv({ DATA_DIR: dataDir })));
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  try {
    await adminQuery(`drop database if exists ${benchDatabase} with (force)`);
    await adminQuery(`create database ${benchDatabase}`);
    const url = new URL(serverUrl);
    url.pathname = `/${benchDatabase}`;
    const uploads = await mkdtemp(path.join(tmpdir(), 'alaqan-bench-'));
    try {
      const location = readConfig({ DATABASE_URL: url.href, NODE_ENV: 'development' }).database;
      rows.push(
        await onDatabase(
          'PostgreSQL',
          course,
          () => openDatabase(location),
          serverEnv({ DATABASE_URL: url.href, DATA_DIR: uploads }),
        ),
      );
    } finally {
      await rm(uploads, { recursive: true, force: true });
      await adminQuery(`drop database if exists ${benchDatabase} with (force)`);
    }
  } catch (error) {
    console.log(
      `PostgreSQL: skipped, the server at ${serverUrl} refused: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const ceiling = rows[0];
  console.log(
    table(
      [
        'server',
        'answers/s',
        'answer p95 ms',
        'submissions/s',
        'submission p95 ms',
        'errors',
        'answers/s, share of the ceiling',
        'submissions/s, share of the ceiling',
      ],
      rows.map((row) => [
        row.name,
        row.answersPerSecond.toFixed(0),
        row.answerP95.toFixed(0),
        row.submissionsPerSecond.toFixed(0),
        row.submissionP95.toFixed(0),
        String(row.errors),
        ceiling ? `${((row.answersPerSecond / ceiling.answersPerSecond) * 100).toFixed(1)}%` : '',
        ceiling ? `${((row.submissionsPerSecond / ceiling.submissionsPerSecond) * 100).toFixed(1)}%` : '',
      ]),
    ),
  );
}
