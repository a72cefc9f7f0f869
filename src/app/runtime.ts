/**
 * What the running portal holds: its database (migrated on start) and its email sender with the
 * outbox worker. `src/cli/serve.ts` starts it before listening; the middleware puts it on each
 * request's `locals` (`src/app/middleware.ts`), and no page or feature reaches for it otherwise. Astro's server bundle has its own copy of this module, so the
 * runtime is handed over on `globalThis` under a registered symbol.
 */
import { applicationMigrations } from '../features/applications/migrations.ts';
import { authMigrations } from '../features/auth/migrations.ts';
import { deskMigrations } from '../features/desk/migrations.ts';
import { documentMigrations } from '../features/documents/migrations.ts';
import { sweepOrphanFiles } from '../features/documents/store.ts';
import { publishingMigrations } from '../features/publishing/migrations.ts';
import type { Issuer } from '../features/school/certificates.ts';
import {
  developmentSigningKey,
  parseRetiredKeys,
  parseSigningKey,
  type SigningKey,
} from '../features/school/certificate/signing-key.ts';
import type { JWK } from 'jose';
import { schoolMigrations } from '../features/school/migrations.ts';
import { queueInactivityReminders } from '../features/school/reminders.ts';
import { schoolPaths } from '../features/school/paths.ts';
import { startOutboxWorker, type EmailSender } from '../platform/email/outbox.ts';
import { emailMigrations } from '../platform/email/migrations.ts';
import { senderFromSettings } from '../platform/email/senders.ts';
import { openDatabase, type Database } from '../platform/db/database.ts';
import { inMigrationOrder, migrate, type Migration } from '../platform/db/migrate.ts';
import { databaseMigrations } from '../platform/db/migrations.ts';
import { publicUrl } from '../platform/http/deployment.ts';
import type { PortalConfig } from './config.ts';
import { pruneExpired } from './housekeeping.ts';

/**
 * The portal's schema: every feature's migrations, in the order of their numbers (0001_outbox,
 * 0002_sign_in, … as existing databases have them, then 0008 and after). A feature with tables
 * adds its group here.
 */
export const portalMigrations: readonly Migration[] = inMigrationOrder(
  emailMigrations,
  authMigrations,
  applicationMigrations,
  documentMigrations,
  databaseMigrations,
  publishingMigrations,
  schoolMigrations,
  deskMigrations,
);

export interface PortalRuntime {
  db: Database;
  sendEmail: EmailSender;
  /** True when emails go to the development mailbox (never in production). */
  devMailbox: boolean;
  /** Where uploaded documents are kept: outside the served files. */
  uploadsDir: string;
  /** The settings it was started with. */
  config: PortalConfig;
  /**
   * The absolute address of a path of the portal, on its configured public address (SITE_URL):
   * links in emails never come from the request's Host.
   */
  publicUrl(pathAndQuery: string): string;
  /** The time now: the system clock, or the clock a test controls. Features take it as `now`. */
  now(): Date;
  /** How the school signs and names its certificates. */
  issuer: Issuer;
  /** Every public key a certificate of the portal may be signed with: the current one, then retired ones. */
  publicKeys: (JWK & { kid: string })[];
  stop(): Promise<void>;
}

const runtimeKey = Symbol.for('alaqan.runtime');
type Holder = { [runtimeKey]?: PortalRuntime | undefined };

/** The school's signing key: the configured one, or in development one kept in DATA_DIR (and said so). */
async function schoolSigningKey(config: PortalConfig, log: (line: string) => void): Promise<SigningKey> {
  if (config.schoolSigningKey.kind === 'given') return parseSigningKey(config.schoolSigningKey.value);
  const { key, created, file } = await developmentSigningKey(config.schoolSigningKey.dataDir);
  log(
    `school: certificates are signed with a development key ${created ? 'made now' : 'read'} ${file ? `in ${file}` : 'kept in memory only'}; set SCHOOL_SIGNING_KEY in production`,
  );
  return key;
}

/** How often learners who stopped are looked for, to be reminded. */
const reminderIntervalMs = 60 * 60 * 1000;

/** Opens and migrates the database, chooses the email sender and starts the outbox worker. */
export async function startRuntime(
  config: PortalConfig,
  log: (line: string) => void = console.log,
  options: { clock?: () => Date } = {},
): Promise<PortalRuntime> {
  const now = options.clock ?? (() => new Date());
  const location = config.database;
  // A key that cannot be read stops the start before anything is opened.
  const signingKey = await schoolSigningKey(config, log);
  const retiredKeys = await parseRetiredKeys(config.schoolRetiredKeys);
  const db = await openDatabase(location);
  let email: ReturnType<typeof senderFromSettings>;
  try {
    const applied = await migrate(db, portalMigrations);
    log(
      `database: ${location.kind === 'postgres' ? 'PostgreSQL server' : `PGlite in ${location.dataDir ?? 'memory'}`}${applied.length ? `, migrations applied: ${applied.join(', ')}` : ''}`,
    );
    email = senderFromSettings(config.email, db);
  } catch (error) {
    await db.close();
    throw error;
  }
  log(`email: ${email.description}`);
  const { uploadsDir } = config;
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
  const stopWorker = startOutboxWorker(db, email.send, config.outboxIntervalMs, log);
  const publicAddress = (pathAndQuery: string) => publicUrl(config.deployment, pathAndQuery);
  const remind = () => {
    queueInactivityReminders(db, { now: now(), courseLink: (lang) => publicAddress(schoolPaths.course(lang)) })
      .then((count) => {
        if (count > 0) log(`school: ${String(count)} reminder(s) queued`);
      })
      .catch((error: unknown) => {
        log(`school: reminders failed: ${error instanceof Error ? error.message : String(error)}`);
      });
  };
  const reminders = setInterval(remind, reminderIntervalMs);
  reminders.unref();
  // Hourly, and once now: sessions, sign-in requests, challenges and sent emails past their use.
  const prune = () => {
    pruneExpired(db, now())
      .then((pruned) => {
        const total = pruned.sessions + pruned.signInRequests + pruned.staffChallenges + pruned.sentEmails;
        if (total > 0) log(`housekeeping: removed ${JSON.stringify(pruned)}`);
      })
      .catch((error: unknown) => {
        log(`housekeeping failed: ${error instanceof Error ? error.message : String(error)}`);
      });
  };
  prune();
  const pruner = setInterval(prune, 60 * 60 * 1000);
  pruner.unref();
  const runtime: PortalRuntime = {
    db,
    sendEmail: email.send,
    devMailbox: email.devMailbox,
    uploadsDir,
    config,
    publicUrl: publicAddress,
    now,
    issuer: {
      key: signingKey,
      id: publicAddress(schoolPaths.issuerProfile),
      name: config.deployment.origin,
      verifyUrl: (code) => publicAddress(schoolPaths.verifyCode(code)),
    },
    publicKeys: [signingKey.publicJwk, ...retiredKeys],
    async stop() {
      stopWorker();
      clearInterval(sweeper);
      clearInterval(reminders);
      clearInterval(pruner);
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
