/**
 * The built portal as the benchmarks run it: `src/cli/serve.ts` in a child process, waited for
 * until it answers, and stopped the way an operator stops it (SIGTERM, so it closes its database).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface BenchServer {
  /** `http://127.0.0.1:<port>`, also the Origin a same-site form post carries. */
  origin: string;
  /** The server's process id, to read its memory from /proc. */
  pid: number;
  /** Stops the server and waits until it has exited (its database closed). */
  stop(): Promise<void>;
}

/** Stops with the one command to run when the portal is not built. */
export function requireBuild(): void {
  if (!existsSync('dist/server/entry.mjs')) {
    console.error('Build the portal first: npm run build');
    process.exit(1);
  }
}

/** Starts the built portal on `port` with `env` and resolves once `/kk/` answers. */
export async function startServer(port: number, env: NodeJS.ProcessEnv = process.env): Promise<BenchServer> {
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['src/cli/serve.ts'], {
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    // One log line a request: not read, so not written to a pipe nobody drains.
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    errors = (errors + chunk).slice(-4000);
  });
  const exited = once(child, 'exit');
  const running = () => child.exitCode === null && child.signalCode === null;

  const stop = async () => {
    if (!running()) return;
    child.kill('SIGTERM');
    const timeout = sleep(15_000).then(() => 'timeout' as const);
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      child.kill('SIGKILL');
      await exited;
    }
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (!running()) throw new Error(`the server stopped at start:\n${errors}`);
    try {
      const response = await fetch(`${origin}/kk/`);
      await response.arrayBuffer();
      if (response.ok) return { origin, pid: child.pid ?? 0, stop };
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not answer within 30 s:\n${errors}`);
    }
    await sleep(100);
  }
}
