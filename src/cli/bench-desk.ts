/**
 * The caseworkers' desk under load: the queue page (`/kk/desk/`) of a caseworker of a district
 * with 10,000 sent applications (and 2,000 of another district, which must not show), requested
 * 300 times by 10 clients at once over eight addresses (stages, sorts, deep pages, the due filter,
 * a search by reference, the assignee and form filters), against the built portal on an embedded
 * PGlite and on the PostgreSQL server. Beside it, the queue's query alone (`readQueue`, no HTTP)
 * timed on the same database before the server starts. Prints figures; asserts nothing.
 *
 * The data is seeded with set-based SQL (`generate_series`) before the server starts, with the
 * caseworker's session and its second factor checked as sign-in leaves them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readConfig } from '../app/config.ts';
import { portalMigrations } from '../app/runtime.ts';
import { markMfaVerified, startPrincipalSession } from '../features/auth/store.ts';
import { readQueue } from '../features/desk/casework.ts';
import { openDatabase, type Database } from '../platform/db/database.ts';
import { migrate } from '../platform/db/migrate.ts';
import { adminQuery, percentile, serverEnv, serverUrl, table } from './bench-common.ts';
import { startServer } from './bench-server.ts';

const applications = 10_000;
const otherApplications = 2_000;
const requests = 300;
const concurrency = 10;
const warmUp = 10;
const queueCalls = 100;
const port = Number(process.env['BENCH_DESK_PORT'] ?? 4379);
const benchDatabase = 'alaqan_bench_desk';
/** The staff session cookie of a development run. */
const staffCookie = 'alaqan_staff';
/** The queue page's text when nothing matches (`desk.queue.empty` in Kazakh). */
const emptyQueueText = 'Сәйкес өтініш табылмады.';

/** The queue's addresses the load cycles through: each is an "address kind" of its own in the table. */
const addresses = [
  '/kk/desk/',
  '/kk/desk/?stage=waiting',
  '/kk/desk/?stage=training&sort=submitted',
  '/kk/desk/?stage=new&page=20',
  '/kk/desk/?stage=closed&sort=reference&page=100',
  '/kk/desk/?stage=new&due=overdue',
  '/kk/desk/?stage=new&q=BNCH-0042',
  '/kk/desk/?stage=new&assignee=none&form=adoption',
] as const;

interface Caseworker {
  staffId: string;
  token: string;
}

interface Timed {
  address: string;
  ms: number;
  ok: boolean;
}

/** The applications of one district, from `first` to `last` (applicants `bench-<n>@…`), in one statement. */
function applicationsSql(district: string, prefix: string, first: number, last: number): string {
  return `insert into applications
      (applicant_id, form, locale, answers, reference, status, submitted_at, district, stage_entered_at, due_at)
    select a.id, f.form, 'kk',
      jsonb_build_object('applicant', jsonb_build_object('fullName', 'Өтініш беруші ' || n, 'iin', lpad(n::text, 12, '0'))),
      '${prefix}' || lpad(n::text, 6, '0'), s.status, t.at, '${district}', t.at,
      case when s.status = 'documents-requested' then now() + make_interval(days => (n % 30) - 10) end
    from generate_series(${String(first)}, ${String(last)}) n
    join applicants a on a.email = 'bench-' || n || '@example.kz'
    cross join lateral (select (array['submitted', 'in-review', 'documents-requested', 'invited-to-school',
      'training-completed', 'home-visit', 'conclusion', 'closed'])[1 + n % 8] as status) s
    cross join lateral (select (array['adoption', 'guardianship', 'patronage', 'foster-family'])[1 + (n / 8) % 4] as form) f
    cross join lateral (select now() - make_interval(days => (n * 37) % 400, mins => (n * 13) % 1440) as at) t`;
}

async function seed(db: Database): Promise<Caseworker> {
  await migrate(db, portalMigrations);
  const all = applications + otherApplications;
  await db.query(
    `insert into applicants (email, locale) select 'bench-' || n || '@example.kz', 'kk' from generate_series(1, ${String(all)}) n`,
  );
  await db.query(applicationsSql('taraz', 'AQ-BNCH-', 1, applications));
  await db.query(applicationsSql('merke', 'AQ-BNCM-', applications + 1, all));
  await db.query(
    `insert into application_events (application_id, status, actor_kind, actor_id, kind, created_at)
     select id, 'submitted', 'applicant', applicant_id, 'status', submitted_at from applications
     where reference like 'AQ-BNC%'`,
  );
  await db.query(
    `insert into desk_stage_limits (stage, days) values ('new', 10), ('training', 60), ('certificate', 10), ('visit', 10), ('conclusion', 5)`,
  );
  const [staff] = await db.query<{ id: string }>(
    `insert into staff (email, name, role, districts, enrolled_at)
     values ('bench-caseworker@example.kz', 'Bench Caseworker', 'caseworker', '{taraz}', now()) returning id`,
  );
  if (!staff) throw new Error('the caseworker was not saved');
  const now = new Date();
  const token = await startPrincipalSession(db, { kind: 'staff', id: staff.id }, now);
  if (!(await markMfaVerified(db, 'staff', token, now))) throw new Error('the second factor was not recorded');
  await db.query('analyze');
  return { staffId: staff.id, token };
}

/** `readQueue` alone, as the queue page calls it by default: milliseconds per call, sorted. */
async function timeReadQueue(db: Database, staffId: string): Promise<number[]> {
  const times: number[] = [];
  for (let call = 0; call < queueCalls; call += 1) {
    const scope = { staffId, role: 'caseworker' as const, districts: ['taraz'], ip: '127.0.0.1', now: new Date() };
    const start = performance.now();
    await readQueue(db, scope, { stage: 'new', sort: 'due', page: 1 });
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

/** `count` requests of the queue, `concurrency` at a time, cycling through the addresses. */
async function load(origin: string, token: string, count: number): Promise<{ timed: Timed[]; seconds: number }> {
  const timed: Timed[] = [];
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < count; index = next++) {
      const address = addresses[index % addresses.length] ?? '/kk/desk/';
      const start = performance.now();
      try {
        const response = await fetch(`${origin}${address}`, {
          headers: { cookie: `${staffCookie}=${token}` },
          redirect: 'manual',
        });
        const body = await response.text();
        timed.push({
          address,
          ms: performance.now() - start,
          ok: response.status === 200 && (body.includes('desk-table') || body.includes(emptyQueueText)),
        });
      } catch {
        timed.push({ address, ms: performance.now() - start, ok: false });
      }
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { timed, seconds: (performance.now() - start) / 1000 };
}

interface Result {
  name: string;
  seedSeconds: number;
  queueTimes: number[];
  timed: Timed[];
  seconds: number;
}

async function onDatabase(name: string, open: () => Promise<Database>, env: NodeJS.ProcessEnv): Promise<Result> {
  const db = await open();
  let caseworker: Caseworker;
  let seedSeconds: number;
  let queueTimes: number[];
  try {
    const seedStart = performance.now();
    caseworker = await seed(db);
    seedSeconds = (performance.now() - seedStart) / 1000;
    console.log(
      `${name}: seeded ${String(applications)} applications in taraz and ${String(otherApplications)} in merke in ${seedSeconds.toFixed(1)} s`,
    );
    queueTimes = await timeReadQueue(db, caseworker.staffId);
  } finally {
    // PGlite's data directory is opened by one process at a time: the server's, next.
    await db.close();
  }
  const server = await startServer(port, env);
  try {
    await load(server.origin, caseworker.token, warmUp);
    return { name, seedSeconds, queueTimes, ...(await load(server.origin, caseworker.token, requests)) };
  } finally {
    await server.stop();
  }
}

function figures(list: readonly Timed[]): string[] {
  const sorted = list.map((entry) => entry.ms).sort((a, b) => a - b);
  return [
    String(list.length),
    String(list.filter((entry) => !entry.ok).length),
    percentile(sorted, 0.5).toFixed(0),
    percentile(sorted, 0.95).toFixed(0),
    (sorted.at(-1) ?? Number.NaN).toFixed(0),
  ];
}

export async function benchDesk(): Promise<void> {
  console.log(
    `Desk queue: ${String(applications)} applications in a district, ${String(requests)} requests by ${String(concurrency)} clients at once, on the built portal at port ${String(port)}`,
  );
  const results: Result[] = [];
  const dataDir = await mkdtemp(path.join(tmpdir(), 'alaqan-bench-'));
  try {
    const location = readConfig({ DATA_DIR: dataDir, NODE_ENV: 'development' }).database;
    results.push(await onDatabase('PGlite', () => openDatabase(location), serverEnv({ DATA_DIR: dataDir })));
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
      results.push(
        await onDatabase(
          'PostgreSQL',
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
  console.log(
    table(
      ['database', 'seed s', `readQueue p50 ms (${String(queueCalls)} calls, no HTTP)`, 'readQueue p95 ms'],
      results.map((result) => [
        result.name,
        result.seedSeconds.toFixed(1),
        percentile(result.queueTimes, 0.5).toFixed(1),
        percentile(result.queueTimes, 0.95).toFixed(1),
      ]),
    ),
  );
  console.log(
    table(
      ['database / address', 'requests', 'errors', 'p50 ms', 'p95 ms', 'max ms', 'requests/s'],
      results.flatMap((result) => [
        [result.name, ...figures(result.timed), (result.timed.length / result.seconds).toFixed(1)],
        ...addresses.map((address) => [
          `  ${address}`,
          ...figures(result.timed.filter((entry) => entry.address === address)),
          '',
        ]),
      ]),
    ),
  );
}
