/**
 * Every setting the running portal reads from its environment, declared once here with its type
 * and default (the README's configuration table documents this module). `readConfig` checks them
 * all at start and stops with the variable named, instead of failing at the first request that
 * needs one. Build-time settings of the content source (SANITY_PROJECT_ID, …) live with the
 * content (`src/content/source-config.ts`).
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { DatabaseLocation } from '../platform/db/database.ts';
import { emailSettingsProblem, type EmailSettings } from '../platform/email/senders.ts';
import { readDeployment, type Deployment } from '../platform/http/deployment.ts';
import { generateKeyCommand } from '../features/school/certificate/signing-key.ts';

const optionalText = z
  .string()
  .optional()
  .transform((value) => value || undefined);

const envSchema = z.object({
  /** `development` (what `npm start` sets): the development mailbox, a default SITE_URL, plain-HTTP cookies. */
  NODE_ENV: optionalText,
  /** The TCP port to listen on. */
  PORT: z.coerce.number({ message: 'PORT must be a number' }).int().min(1).max(65535).default(4321),
  /** The interface to listen on: 127.0.0.1 for this machine only, 0.0.0.0 behind a proxy. */
  HOST: z.string().min(1, 'HOST must not be empty').default('127.0.0.1'),
  /** The public origin; required outside development (checked by `readDeployment`). */
  SITE_URL: optionalText,
  /** Other hosts the portal answers to, comma-separated. */
  ALLOWED_HOSTS: optionalText,
  /** `1` behind a reverse proxy: its X-Forwarded-For and X-Forwarded-Host are believed. */
  TRUST_PROXY: z.enum(['', '0', '1'], { message: 'TRUST_PROXY must be 1 (behind a proxy) or unset' }).default(''),
  /** A PostgreSQL server; without it, an embedded PGlite keeps its data in DATA_DIR. */
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// address')
      .optional(),
  ),
  /** Where PGlite and the uploaded documents live; `:memory:` keeps nothing (test runs). */
  DATA_DIR: optionalText.transform((value) => value ?? '.data'),
  /** Resend's API key; without it (only in development) emails go to the development mailbox. */
  RESEND_API_KEY: optionalText,
  /** Another address of Resend's API (the tests' stand-in). */
  RESEND_BASE_URL: optionalText,
  /** The sender of every email, such as "Alaqan <noreply@alaqan.example.kz>". */
  EMAIL_FROM: optionalText,
  /** How often the email outbox is sent, in milliseconds. */
  OUTBOX_INTERVAL_MS: z.coerce
    .number({ message: 'OUTBOX_INTERVAL_MS must be a number of milliseconds' })
    .int()
    .min(50, 'OUTBOX_INTERVAL_MS must be at least 50')
    .default(5000),
  /** The secret shared with the Sanity webhook that announces publications. */
  SANITY_WEBHOOK_SECRET: optionalText.pipe(
    z.string().min(16, 'SANITY_WEBHOOK_SECRET must be at least 16 characters').optional(),
  ),
  /**
   * The school's certificate signing key (an Ed25519 private key, JWK or PKCS#8 PEM); required
   * outside development, where one is made in DATA_DIR.
   */
  SCHOOL_SIGNING_KEY: optionalText,
  /** Public keys of signing keys used before (JSON), so the certificates they signed still verify. */
  SCHOOL_RETIRED_KEYS: optionalText,
  /** The deploy hook called with POST when content is published. */
  PUBLISH_HOOK_URL: optionalText.pipe(z.url({ message: 'PUBLISH_HOOK_URL must be a full address' }).optional()),
});

export interface PortalConfig {
  port: number;
  host: string;
  deployment: Deployment;
  trustProxy: boolean;
  database: DatabaseLocation;
  /** Where uploaded documents are kept: outside the served files. */
  uploadsDir: string;
  email: EmailSettings;
  outboxIntervalMs: number;
  /** The publishing webhook: both or neither. */
  publishing: { secret: string; hookUrl: string } | undefined;
  /** The key certificates are signed with: given, or (development only) kept in DATA_DIR. */
  schoolSigningKey: { kind: 'given'; value: string } | { kind: 'development'; dataDir: string };
  /** The retired keys' public parts, as given (checked when the runtime reads them). */
  schoolRetiredKeys: string | undefined;
}

/** The portal's settings from the environment; throws naming every variable that is wrong. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): PortalConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `The settings are wrong: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
    );
  }
  const settings = parsed.data;
  const deployment = readDeployment({
    NODE_ENV: settings.NODE_ENV,
    PORT: String(settings.PORT),
    SITE_URL: settings.SITE_URL,
    ALLOWED_HOSTS: settings.ALLOWED_HOSTS,
  });
  const email: EmailSettings = {
    RESEND_API_KEY: settings.RESEND_API_KEY,
    RESEND_BASE_URL: settings.RESEND_BASE_URL,
    EMAIL_FROM: settings.EMAIL_FROM,
    development: deployment.development,
  };
  const emailProblem = emailSettingsProblem(email);
  if (emailProblem) throw new Error(emailProblem);
  if (Boolean(settings.SANITY_WEBHOOK_SECRET) !== Boolean(settings.PUBLISH_HOOK_URL)) {
    throw new Error('Set SANITY_WEBHOOK_SECRET and PUBLISH_HOOK_URL together, or neither.');
  }
  if (!deployment.development && !settings.SCHOOL_SIGNING_KEY) {
    throw new Error(
      `SCHOOL_SIGNING_KEY is not set: certificates of the school are signed with it, and a production start needs a key that lasts. Make one with\n  ${generateKeyCommand}\nand keep it secret.`,
    );
  }
  const memory = settings.DATA_DIR === ':memory:';
  return {
    port: settings.PORT,
    host: settings.HOST,
    deployment,
    trustProxy: settings.TRUST_PROXY === '1',
    database: settings.DATABASE_URL
      ? { kind: 'postgres', url: settings.DATABASE_URL }
      : { kind: 'pglite', dataDir: memory ? undefined : path.resolve(settings.DATA_DIR, 'pglite') },
    uploadsDir: memory
      ? path.join(tmpdir(), `alaqan-uploads-${String(process.pid)}`)
      : path.resolve(settings.DATA_DIR, 'uploads'),
    email,
    outboxIntervalMs: settings.OUTBOX_INTERVAL_MS,
    publishing:
      settings.SANITY_WEBHOOK_SECRET && settings.PUBLISH_HOOK_URL
        ? { secret: settings.SANITY_WEBHOOK_SECRET, hookUrl: settings.PUBLISH_HOOK_URL }
        : undefined,
    schoolSigningKey: settings.SCHOOL_SIGNING_KEY
      ? { kind: 'given', value: settings.SCHOOL_SIGNING_KEY }
      : { kind: 'development', dataDir: memory ? ':memory:' : path.resolve(settings.DATA_DIR) },
    schoolRetiredKeys: settings.SCHOOL_RETIRED_KEYS,
  };
}
