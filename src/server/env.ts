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
