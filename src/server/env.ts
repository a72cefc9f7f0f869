/**
 * The server's settings, declared once with their types. A wrong value stops the server at start
 * with a message naming the variable, instead of failing later.
 */
import { z } from 'zod';

const serverEnvSchema = z.object({
  /** The TCP port to listen on. */
  PORT: z.coerce.number().int().min(1).max(65535).default(4321),
  /** The interface to listen on: 127.0.0.1 for this machine only, 0.0.0.0 behind a proxy. */
  HOST: z.string().min(1).default('127.0.0.1'),
});

export type ServerEnv = z.infer<typeof serverEnvSchema>;

export function readServerEnv(env: NodeJS.ProcessEnv = process.env): ServerEnv {
  const parsed = serverEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`The server's settings are wrong: ${problems}`);
  }
  return parsed.data;
}

const publishingEnvSchema = z
  .object({
    /** The secret shared with the Sanity webhook that announces publications. */
    SANITY_WEBHOOK_SECRET: z.string().min(16, 'SANITY_WEBHOOK_SECRET must be at least 16 characters').optional(),
    /** The deploy hook called with POST when content is published. */
    PUBLISH_HOOK_URL: z.url({ message: 'PUBLISH_HOOK_URL must be a full address' }).optional(),
  })
  .refine((env) => Boolean(env.SANITY_WEBHOOK_SECRET) === Boolean(env.PUBLISH_HOOK_URL), {
    message: 'set SANITY_WEBHOOK_SECRET and PUBLISH_HOOK_URL together, or neither',
  });

export type PublishingEnv = z.infer<typeof publishingEnvSchema>;

/** The publishing webhook's settings; both or neither. */
export function readPublishingEnv(env: NodeJS.ProcessEnv = process.env): PublishingEnv {
  const parsed = publishingEnvSchema.safeParse({
    SANITY_WEBHOOK_SECRET: env['SANITY_WEBHOOK_SECRET'] || undefined,
    PUBLISH_HOOK_URL: env['PUBLISH_HOOK_URL'] || undefined,
  });
  if (!parsed.success) {
    throw new Error(
      `The publishing settings are wrong: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`,
    );
  }
  return parsed.data;
}
