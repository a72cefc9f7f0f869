/**
 * What the test portals (school-server.ts, desk-server.ts) share: a clock the tests move, and a
 * control port that answers JSON. Production has neither.
 *
 * - `GET /now` reads the clock; `POST /advance?minutes=N` moves it forward;
 * - `POST /<name>` with a JSON body runs the action of that name and answers with what it returns;
 *   an action that throws answers 500 with the error's message, so a test sees why.
 */
import { createServer, type IncomingMessage } from 'node:http';

export interface MovableClock {
  now: () => Date;
  advance: (minutes: number) => void;
}

export function movableClock(): MovableClock {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    advance: (minutes) => {
      offsetMs += minutes * 60_000;
    },
  };
}

export type ControlAction = (input: Record<string, unknown>) => Promise<unknown>;

async function jsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** Listens on 127.0.0.1:`port` for the clock and the named actions. */
export function serveControl(port: number, clock: MovableClock, actions: Record<string, ControlAction>): void {
  const control = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://control');
    const reply = (status: number, value: unknown): void => {
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(value));
    };
    const handle = async (): Promise<[number, unknown]> => {
      if (request.method === 'GET' && url.pathname === '/now') return [200, { now: clock.now().toISOString() }];
      if (request.method !== 'POST') return [405, {}];
      if (url.pathname === '/advance') {
        clock.advance(Number(url.searchParams.get('minutes') ?? 0));
        return [200, { now: clock.now().toISOString() }];
      }
      const action = Object.hasOwn(actions, url.pathname.slice(1)) ? actions[url.pathname.slice(1)] : undefined;
      if (!action) return [404, {}];
      return [200, await action(await jsonBody(request))];
    };
    handle().then(
      ([status, value]) => {
        reply(status, value);
      },
      (error: unknown) => {
        reply(500, { error: error instanceof Error ? error.message : String(error) });
      },
    );
  });
  control.listen(port, '127.0.0.1');
}
