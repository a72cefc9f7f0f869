/**
 * What the running portal holds: its database (migrated on start) and its email sender with the
 * outbox worker. `src/cli/serve.ts` starts it before listening; the routes Astro renders reach it
 * through `portalRuntime()`. Astro's server bundle has its own copy of this module, so the
 * runtime is handed over on `globalThis` under a registered symbol.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { sweepOrphanFiles } from '../features/documents/store.ts';
import { startOutboxWorker, type EmailSender } from '../features/email/outbox.ts';
import { emailSettingsProblem, senderFromSettings } from '../features/email/senders.ts';
import { openDatabase, type Database, type DatabaseLocation } from './db/database.ts';
import { publicUrl, readDeployment } from './deployment.ts';
import { migrate } from './db/migrations.ts';

export interface PortalRuntime {
  db: Database;
  sendEmail: EmailSender;
  /** True when emails go to the development mailbox (never in production). */
  devMailbox: boolean;
  /** Where uploaded documents are kept: outside the served files. */
  uploadsDir: string;
  /**
   * The absolute address of a path of the portal, on its configured public address (SITE_URL):
   * links in emails never come from the request's Host.
   */
  publicUrl(pathAndQuery: string): string;
  stop(): Promise<void>;
}

const runtimeKey = Symbol.for('alaqan.runtime');
type Holder = { [runtimeKey]?: PortalRuntime | undefined };

const dataEnvSchema = z.object({
  /** A PostgreSQL server; without it, an embedded PGlite keeps its data in DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// address')
    .optional(),
  DATA_DIR: z.string().min(1).default('.data'),
});

/** Where the data lives, from the environment. */
export function databaseLocation(env: NodeJS.ProcessEnv = process.env): DatabaseLocation {
  const parsed = dataEnvSchema.safeParse({
    DATABASE_URL: env['DATABASE_URL'] || undefined,
    DATA_DIR: env['DATA_DIR'] || undefined,
  });
  if (!parsed.success)
    throw new Error(`The data settings are wrong: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
  if (parsed.data.DATABASE_URL) return { kind: 'postgres', url: parsed.data.DATABASE_URL };
  // ":memory:" keeps nothing on disk: for test runs that must start empty.
  if (parsed.data.DATA_DIR === ':memory:') return { kind: 'pglite', dataDir: undefined };
  return { kind: 'pglite', dataDir: path.resolve(parsed.data.DATA_DIR, 'pglite') };
}

/** Uploaded documents live in DATA_DIR/uploads; a run with DATA_DIR=:memory: keeps them in a temporary folder. */
export function uploadsLocation(env: NodeJS.ProcessEnv = process.env): string {
  const dataDir = env['DATA_DIR'] || '.data';
  return dataDir === ':memory:'
    ? path.join(tmpdir(), `alaqan-uploads-${String(process.pid)}`)
    : path.resolve(dataDir, 'uploads');
}

/** Opens and migrates the database, chooses the email sender and starts the outbox worker. */
export async function startRuntime(
  env: NodeJS.ProcessEnv = process.env,
  log: (line: string) => void = console.log,
): Promise<PortalRuntime> {
  const location = databaseLocation(env);
  const deployment = readDeployment(env);
  const emailSettings = { ...env, development: deployment.development };
  // Before the database is opened: a start that cannot send email stops at once.
  const emailProblem = emailSettingsProblem(emailSettings);
  if (emailProblem) throw new Error(emailProblem);
  const db = await openDatabase(location);
  let email: ReturnType<typeof senderFromSettings>;
  try {
    const applied = await migrate(db);
    log(
      `database: ${location.kind === 'postgres' ? 'PostgreSQL server' : `PGlite in ${location.dataDir ?? 'memory'}`}${applied.length ? `, migrations applied: ${applied.join(', ')}` : ''}`,
    );
    email = senderFromSettings(emailSettings, db);
  } catch (error) {
    await db.close();
    throw error;
  }
  log(`email: ${email.description}`);
  const uploadsDir = uploadsLocation(env);
  // At start and then hourly: files left by a crash between a file and its row are removed.
  const sweep = async () => {
    const result = await sweepOrphanFiles(db, uploadsDir);
    if (result.status === 'skipped')
      log(
        result.reason === 'other-database'
          ? `uploads: ${uploadsDir} belongs to another database; files without a document are kept`
          : `uploads: ${uploadsDir} holds files this database does not know; none are swept`,
      );
    else if (result.files.length > 0)
      log(`uploads: removed ${String(result.files.length)} file(s) no document points to`);
  };
  await sweep();
  const sweeper = setInterval(
    () => {
      sweep().catch((error: unknown) => {
        log(`uploads: sweep failed: ${error instanceof Error ? error.message : String(error)}`);
      });
    },
    60 * 60 * 1000,
  );
  sweeper.unref();
  const interval = Number(env['OUTBOX_INTERVAL_MS'] ?? 5000);
  const stopWorker = startOutboxWorker(
    db,
    email.send,
    Number.isFinite(interval) && interval >= 50 ? interval : 5000,
    log,
  );
  const runtime: PortalRuntime = {
    db,
    sendEmail: email.send,
    devMailbox: email.devMailbox,
    uploadsDir,
    publicUrl: (pathAndQuery) => publicUrl(deployment, pathAndQuery),
    async stop() {
      stopWorker();
      clearInterval(sweeper);
      await db.close();
      (globalThis as Holder)[runtimeKey] = undefined;
    },
  };
  (globalThis as Holder)[runtimeKey] = runtime;
  return runtime;
}

/** The running portal's runtime, for server routes. */
export function portalRuntime(): PortalRuntime {
  const runtime = (globalThis as Holder)[runtimeKey];
  if (!runtime)
    throw new Error('The portal runtime is not started: serve the portal with `npm run serve` (or `npm start`).');
  return runtime;
}
