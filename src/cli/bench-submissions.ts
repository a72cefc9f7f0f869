/**
 * The application submission path under load: 50 clients at once, each sending the check page's
 * form (`POST /{lang}/apply/check/`) for applicants of its own whose drafts are complete, against
 * the built portal on an embedded PGlite and on a PostgreSQL server. Prints submissions per second
 * and latencies; asserts nothing.
 *
 * The data is seeded before the server starts, through the portal's own modules (migrations,
 * openDraft and saveStep for one complete draft, copied for the others), with sessions started
 * as sign-in starts them. PGlite is single-process, so the seeding connection is closed
 * before the server opens the same directory, and the count afterwards waits for the server to
 * exit.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDraft, saveStep } from '../features/applications/drafts.ts';
import { exampleAnswers } from '../features/applications/examples.ts';
import { firstUnanswered, isComplete, type Answers } from '../features/applications/journey.ts';
import { startSession } from '../features/auth/store.ts';
import { locales, type Locale } from '../i18n/locales.ts';
import { openDatabase, type Database } from '../platform/db/database.ts';
import { migrate } from '../platform/db/migrate.ts';
import { readConfig } from '../app/config.ts';
import { portalMigrations } from '../app/runtime.ts';
import { startServer } from './bench-server.ts';
import { adminQuery, percentile, serverEnv, serverUrl, table } from './bench-common.ts';

const clients = 50;
const perClient = 20;
/** Excluded from the figures: the server's first requests pay for compiling and filling caches. */
const warmUpPerClient = 1;
/** Keeps a slow machine within the few minutes a benchmark may take: no new submission after this. */
const measureLimitMs = 60_000;
const port = Number(process.env['BENCH_SUBMISSIONS_PORT'] ?? 4349);
const benchDatabase = 'alaqan_bench';
/** The session cookie of a development run (the server runs with NODE_ENV=development, like `npm start`). */
const sessionCookie = 'alaqan_session';

interface BenchApplicant {
  email: string;
  locale: Locale;
  /** The session cookie's token, once seeded. */
  token: string;
}

interface Row {
  database: string;
  clients: number;
  submissions: number;
  perSecond: number;
  p50: number;
  p95: number;
  max: number;
  errors: number;
}

function applicantsFor(prefix: string, count: number): BenchApplicant[] {
  return Array.from({ length: count }, (_, index) => ({
    email: `${prefix}-${String(index).padStart(5, '0')}@example.kz`,
    locale: locales[index % locales.length] ?? 'kk',
    token: '',
  }));
}

/** Fills one draft through the journey's own rules, step by step, and returns its answers. */
async function completeDraft(db: Database, applicantId: string, locale: Locale): Promise<Answers> {
  const draft = await openDraft(db, applicantId, locale);
  let answers = draft.answers;
  for (let step = firstUnanswered(answers), guard = 0; step !== 'check'; step = firstUnanswered(answers), guard += 1) {
    const data = (exampleAnswers as Answers)[step];
    if (data === undefined || guard > 50) throw new Error(`the benchmark has no answer for the step "${step}"`);
    const result = await saveStep(db, { applicantId, applicationId: draft.id, step, data });
    if (result.status !== 'saved')
      throw new Error(`the benchmark's answer for "${step}" was refused: ${JSON.stringify(result)}`);
    answers = result.answers;
  }
  if (!isComplete(answers)) throw new Error('the seeded draft is not complete');
  return answers;
}

/** Applicants, each with a live session and a complete draft. */
async function seed(db: Database, applicants: BenchApplicant[]): Promise<void> {
  await migrate(db, portalMigrations);
  const now = new Date();
  const ids = await db.query<{ id: string; email: string }>(
    `insert into applicants (email, locale)
     select email, locale from json_to_recordset($1::json) as input(email text, locale text)
     returning id, email`,
    [JSON.stringify(applicants.map(({ email, locale }) => ({ email, locale })))],
  );
  const idOf = new Map(ids.map((row) => [row.email, row.id]));
  const withIds = applicants.map((applicant) => {
    const id = idOf.get(applicant.email);
    if (!id) throw new Error(`the applicant ${applicant.email} was not saved`);
    return { ...applicant, id };
  });
  const [first, ...others] = withIds;
  if (!first) throw new Error('no applicants to seed');
  const answers = await completeDraft(db, first.id, first.locale);
  await db.transaction(async (tx) => {
    await tx.query(
      `insert into applications (applicant_id, form, locale, answers)
       select input.id, $2, input.locale, $3::jsonb from json_to_recordset($1::json) as input(id uuid, locale text)`,
      [
        JSON.stringify(others.map(({ id, locale }) => ({ id, locale }))),
        (answers['form'] as { form: string }).form,
        JSON.stringify(answers),
      ],
    );
    // Sessions as sign-in starts them; the cookies the clients send carry their tokens.
    for (const [index, { id }] of withIds.entries()) {
      const applicant = applicants[index];
      if (applicant) applicant.token = await startSession(tx, id, now);
    }
  });
}

/** What the database holds after the run, for the applicants whose emails start with `prefix`. */
async function countSubmitted(db: Database, prefix: string): Promise<{ submitted: number; emails: number }> {
  const [row] = await db.query<{ submitted: string | number; emails: string | number }>(
    `select
       (select count(*) from applications join applicants on applicants.id = applications.applicant_id
        where applicants.email like $1 and applications.reference is not null) as submitted,
       (select count(*) from email_outbox where template = 'application-submitted' and recipient like $1) as emails`,
    [`${prefix}-%`],
  );
  return { submitted: Number(row?.submitted), emails: Number(row?.emails) };
}

interface Outcome {
  ms: number;
  /** Undefined for a submission that reached the done page; otherwise what happened instead. */
  error?: string;
}

async function submit(origin: string, applicant: BenchApplicant): Promise<Outcome> {
  const start = performance.now();
  try {
    const response = await fetch(`${origin}/${applicant.locale}/apply/check/`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        origin,
        cookie: `${sessionCookie}=${applicant.token}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: '',
    });
    await response.arrayBuffer();
    const ms = performance.now() - start;
    const location = new URL(response.headers.get('location') ?? '/', origin);
    if (response.status !== 303) return { ms, error: `HTTP ${response.status}` };
    if (location.pathname !== `/${applicant.locale}/apply/done/` || !location.searchParams.get('reference'))
      return { ms, error: `303 to ${location.pathname}` };
    return { ms };
  } catch (error) {
    return {
      ms: performance.now() - start,
      error: `no answer: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/** Each client sends its own applicants' submissions one after another; the clients run at once. */
async function load(
  origin: string,
  queues: BenchApplicant[][],
  deadline: number,
): Promise<{ outcomes: Outcome[]; seconds: number; cutShort: boolean }> {
  const outcomes: Outcome[] = [];
  let cutShort = false;
  const start = performance.now();
  await Promise.all(
    queues.map(async (queue) => {
      for (const applicant of queue) {
        if (performance.now() > deadline) {
          cutShort = true;
          return;
        }
        outcomes.push(await submit(origin, applicant));
      }
    }),
  );
  return { outcomes, seconds: (performance.now() - start) / 1000, cutShort };
}

/** Seeds, serves, loads and counts on one database; returns the table's row. */
async function run(name: string, open: () => Promise<Database>, env: NodeJS.ProcessEnv): Promise<Row> {
  const warmUp = applicantsFor('warm-up', clients * warmUpPerClient);
  const measured = applicantsFor('bench', clients * perClient);
  const seedStart = performance.now();
  const seeding = await open();
  try {
    await seed(seeding, [...warmUp, ...measured]);
  } finally {
    await seeding.close();
  }
  console.log(
    `${name}: seeded ${warmUp.length + measured.length} applicants with a session and a complete draft in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
  );

  const queuesOf = (applicants: BenchApplicant[]) =>
    Array.from({ length: clients }, (_, client) =>
      applicants.filter((_applicant, index) => index % clients === client),
    );
  const server = await startServer(port, env);
  let result: Awaited<ReturnType<typeof load>>;
  try {
    const warm = await load(server.origin, queuesOf(warmUp), Number.POSITIVE_INFINITY);
    const warmErrors = warm.outcomes.filter((outcome) => outcome.error !== undefined).length;
    if (warmErrors > 0) console.log(`${name}: ${warmErrors} of ${warm.outcomes.length} warm-up submissions failed`);
    result = await load(server.origin, queuesOf(measured), performance.now() + measureLimitMs);
  } finally {
    await server.stop();
  }

  const counting = await open();
  let counted: Awaited<ReturnType<typeof countSubmitted>>;
  try {
    counted = await countSubmitted(counting, 'bench');
  } finally {
    await counting.close();
  }
  const successes = result.outcomes.filter((outcome) => outcome.error === undefined);
  const errors = new Map<string, number>();
  for (const { error } of result.outcomes) if (error !== undefined) errors.set(error, (errors.get(error) ?? 0) + 1);
  console.log(
    `${name}: ${successes.length} submissions reached the done page; the database holds ${counted.submitted} submitted applications and ${counted.emails} confirmation emails for them`,
  );
  if (result.cutShort)
    console.log(`${name}: stopped after ${measureLimitMs / 1000} s, before every applicant had submitted`);
  for (const [error, count] of errors) console.log(`${name}: error ×${count}: ${error}`);

  const latencies = successes.map((outcome) => outcome.ms).sort((a, b) => a - b);
  return {
    database: name,
    clients,
    submissions: successes.length,
    perSecond: successes.length / result.seconds,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    max: latencies.at(-1) ?? Number.NaN,
    errors: result.outcomes.length - successes.length,
  };
}

async function onPglite(): Promise<Row> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'alaqan-bench-'));
  try {
    const location = readConfig({ DATA_DIR: dataDir, NODE_ENV: 'development' }).database;
    return await run('PGlite', () => openDatabase(location), serverEnv({ DATA_DIR: dataDir }));
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function onPostgres(): Promise<Row | undefined> {
  try {
    // Left over if an earlier run was interrupted.
    await adminQuery(`drop database if exists ${benchDatabase} with (force)`);
    await adminQuery(`create database ${benchDatabase}`);
  } catch (error) {
    console.log(
      `PostgreSQL: skipped, the server at ${serverUrl} refused: ${error instanceof Error ? error.message : String(error)}`,
    );
    return undefined;
  }
  const url = new URL(serverUrl);
  url.pathname = `/${benchDatabase}`;
  // The uploads folder is the only thing the server keeps in DATA_DIR with DATABASE_URL set.
  const dataDir = await mkdtemp(path.join(tmpdir(), 'alaqan-bench-'));
  try {
    const location = readConfig({ DATABASE_URL: url.href, NODE_ENV: 'development' }).database;
    return await run(
      'PostgreSQL',
      () => openDatabase(location),
      serverEnv({ DATABASE_URL: url.href, DATA_DIR: dataDir }),
    );
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await adminQuery(`drop database if exists ${benchDatabase} with (force)`);
  }
}

/** Runs the submission benchmark on PGlite, then on the PostgreSQL server, and prints the table. */
export async function benchSubmissions(): Promise<void> {
  console.log(
    `Submissions: ${clients} clients at once, ${perClient} submissions each after ${warmUpPerClient} to warm up, on the built portal at port ${port}`,
  );
  const rows: Row[] = [await onPglite()];
  const postgres = await onPostgres();
  if (postgres) rows.push(postgres);
  const header = ['database', 'clients', 'submissions', 'per second', 'p50 ms', 'p95 ms', 'max ms', 'errors'];
  const cells = rows.map((row) => [
    row.database,
    String(row.clients),
    String(row.submissions),
    row.perSecond.toFixed(1),
    row.p50.toFixed(0),
    row.p95.toFixed(0),
    row.max.toFixed(0),
    String(row.errors),
  ]);
  console.log(table(header, cells));
}
