/**
 * `npm run bench -- flood`: what the worst requests of the security review cost the server, printed
 * (nothing asserted). A signed-in POST of N form fields to a journey step (finding H2: reading a form
 * was quadratic), and a chunked body of 256 MB to the sign-in page without a session (finding M1:
 * the body was buffered whole). For each: the status, the time to the answer, the slowest answer to
 * another visitor meanwhile, and the server's peak memory (VmHWM) before and after.
 */
import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer } from './bench-server.ts';

const port = Number(process.env['BENCH_FLOOD_PORT'] ?? 4359);
/** A request that takes longer than this is reported as such and abandoned. */
const patienceMs = 90_000;

async function memoryOf(pid: number): Promise<{ rssMb: number; peakMb: number }> {
  const status = await readFile(`/proc/${String(pid)}/status`, 'utf8').catch(() => '');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((cookie) => cookie.split(';')[0] ?? '');
}

/** Signs in through the development mailbox; returns the Cookie header of the session. */
async function signIn(origin: string): Promise<string> {
  const email = `flood-${String(Date.now())}@example.kz`;
  const form = (fields: Record<string, string>) => ({
    method: 'POST',
    redirect: 'manual' as const,
    headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  const asked = await fetch(`${origin}/en/sign-in/`, form({ email }));
  const pending = cookiesOf(asked).join('; ');
  let code = '';
  for (let attempt = 0; attempt < 100 && !code; attempt += 1) {
    const mailbox = await (await fetch(`${origin}/dev/mailbox/`)).text();
    const article = mailbox.split('<article').find((part) => part.includes(`data-recipient="${email}"`)) ?? '';
    code = /\b(\d{6})\b/.exec(article)?.[1] ?? '';
    if (!code) await sleep(100);
  }
  const verified = await fetch(`${origin}/en/sign-in/code/`, {
    ...form({ code }),
    headers: { ...form({}).headers, Cookie: pending },
  });
  const session = cookiesOf(verified).find((cookie) => cookie.includes('alaqan_session='));
  if (!session) throw new Error(`sign-in failed: ${String(verified.status)}`);
  // Opening the journey starts the draft the step forms are posted to.
  await fetch(`${origin}/en/apply/tasks/`, { headers: { Cookie: session }, redirect: 'manual' });
  return session;
}

/** Sends a body as the review did (declared or chunked), resolving with the status and the time to the answer. */
function send(
  origin: string,
  path: string,
  headers: Record<string, string>,
  body: Iterable<Buffer> | Buffer,
): Promise<{ status: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const url = new URL(origin);
    // The answer counts from its status line: a server that refuses early may then cut the upload.
    const request = httpRequest({ host: url.hostname, port: url.port, method: 'POST', path, headers }, (response) => {
      response.resume();
      resolve({ status: String(response.statusCode), ms: performance.now() - started });
    });
    const timer = setTimeout(() => {
      request.destroy();
      resolve({ status: `no answer in ${String(patienceMs / 1000)} s`, ms: patienceMs });
    }, patienceMs);
    request.on('close', () => {
      clearTimeout(timer);
    });
    request.on('error', (error) => {
      resolve({ status: `connection ${error.message}`, ms: performance.now() - started });
    });
    if (Buffer.isBuffer(body)) {
      request.end(body);
      return;
    }
    void (async () => {
      try {
        for (const chunk of body) {
          if (request.destroyed) return;
          if (!request.write(chunk)) await new Promise((resume) => request.once('drain', resume));
        }
        request.end();
      } catch {
        request.destroy();
      }
    })();
  });
}

/** The slowest answer to `GET /kk/` while `during` runs, probing every 50 ms. */
async function slowestMeanwhile<T>(origin: string, during: Promise<T>): Promise<{ result: T; slowestMs: number }> {
  const state = { done: false };
  let slowestMs = 0;
  const probing = (async () => {
    while (!state.done) {
      const started = performance.now();
      await fetch(`${origin}/kk/`)
        .then((response) => response.arrayBuffer())
        .catch(() => undefined);
      slowestMs = Math.max(slowestMs, performance.now() - started);
      await sleep(50);
    }
  })();
  const result = await during;
  state.done = true;
  await probing;
  return { result, slowestMs };
}

/** A body of `bytes` bytes after `prefix`, made a megabyte at a time as the socket takes it. */
function* zeros(bytes: number, prefix: string): Iterable<Buffer> {
  yield Buffer.from(prefix);
  const chunk = Buffer.alloc(1024 * 1024, 'a');
  for (let sent = 0; sent < bytes; sent += chunk.length) yield chunk;
}

export async function benchFlood(): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', DATA_DIR: ':memory:' };
  delete env['SITE_URL'];
  delete env['DATABASE_URL'];
  const server = await startServer(port, env);
  try {
    const session = await signIn(server.origin);
    console.log(
      'request\tstatus\tanswer (ms)\tslowest GET /kk/ meanwhile (ms)\tpeak RSS before → after (MB)\tRSS after (MB)',
    );
    // BENCH_FLOOD_FIELDS=10000,50000 measures other sizes (a server that reads forms in quadratic
    // time would take minutes for the largest of the default ones).
    const sizes = (process.env['BENCH_FLOOD_FIELDS'] ?? '10000,100000,500000').split(',').map(Number);
    for (const fields of sizes) {
      const body = Buffer.from(Array.from({ length: fields }, (_, index) => `k${String(index)}=v`).join('&'));
      const before = await memoryOf(server.pid);
      const { result, slowestMs } = await slowestMeanwhile(
        server.origin,
        send(
          server.origin,
          '/en/apply/form/',
          {
            Origin: server.origin,
            Cookie: session,
            'Content-Type': 'application/x-www-form-urlencoded',
            'Content-Length': String(body.length),
          },
          body,
        ),
      );
      const after = await memoryOf(server.pid);
      console.log(
        `signed-in POST of ${String(fields)} fields (${(body.length / 1e6).toFixed(1)} MB)\t${result.status}\t${result.ms.toFixed(0)}\t${slowestMs.toFixed(0)}\t${String(before.peakMb)} → ${String(after.peakMb)}\t${String(after.rssMb)}`,
      );
    }
    const megabytes = 256;
    const before = await memoryOf(server.pid);
    const { result, slowestMs } = await slowestMeanwhile(
      server.origin,
      send(
        server.origin,
        '/en/sign-in/',
        { Origin: server.origin, 'Content-Type': 'application/x-www-form-urlencoded', 'Transfer-Encoding': 'chunked' },
        zeros(megabytes * 1024 * 1024, 'email=not-an-email&pad='),
      ),
    );
    const after = await memoryOf(server.pid);
    console.log(
      `chunked ${String(megabytes)} MB POST to sign-in, no session\t${result.status}\t${result.ms.toFixed(0)}\t${slowestMs.toFixed(0)}\t${String(before.peakMb)} → ${String(after.peakMb)}\t${String(after.rssMb)}`,
    );
  } finally {
    await server.stop();
  }
}
