/**
 * A local HTTP server that answers like Resend's `POST /emails`, for tests of the real Resend SDK
 * (pointed at it with `baseUrl`). It can be switched to fail, as the real service sometimes does.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ResendStandIn {
  baseUrl: string;
  received: { headers: IncomingHttpHeaders; body: { to: string[]; subject: string; text: string; html: string } }[];
  /** While true, every request is answered 500. */
  failing: boolean;
  close(): Promise<void>;
}

/**
 * Starts the stand-in on `port` (any free one by default). Besides Resend's `POST /emails`, it
 * answers `GET /emails` with what it received, newest last, for browser tests to read a sign-in code.
 */
export async function startResendStandIn(port = 0): Promise<ResendStandIn> {
  const state: ResendStandIn = {
    baseUrl: '',
    received: [],
    failing: false,
    close: () => Promise.resolve(),
  };
  const server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      if (request.method === 'GET' && request.url === '/emails') {
        response
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end(JSON.stringify(state.received.map(({ body }) => body)));
        return;
      }
      if (request.method !== 'POST' || request.url !== '/emails') {
        response
          .writeHead(404, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ name: 'not_found', message: 'no such route' }));
        return;
      }
      if (state.failing) {
        response
          .writeHead(500, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ name: 'internal_server_error', message: 'The service is down', statusCode: 500 }));
        return;
      }
      state.received.push({
        headers: request.headers,
        body: JSON.parse(raw) as ResendStandIn['received'][number]['body'],
      });
      response
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ id: `email-${state.received.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise((resolve) => {
      server.close(() => {
        resolve();
      });
    });
  return state;
}
