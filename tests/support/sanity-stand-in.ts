/**
 * A local stand-in for the Sanity HTTP API (query and mutate), for tests: the Content Lake is out
 * of reach here. Queries are evaluated by groq-js, Sanity's own GROQ engine, over an in-memory
 * dataset; mutations change that dataset. Only what the portal uses is implemented.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { evaluate, parse } from 'groq-js';

export interface StandInDocument {
  _id: string;
  _type: string;
  [field: string]: unknown;
}

export interface SanityStandIn {
  /** Give this as SANITY_API_HOST. */
  apiHost: string;
  dataset: Map<string, StandInDocument>;
  /** How many mutations changed a document, since the start. */
  writes: number;
  requests: { method: string; path: string }[];
  close(): Promise<void>;
}

type Mutation =
  | { create: StandInDocument }
  | { createOrReplace: StandInDocument }
  | { createIfNotExists: StandInDocument }
  | { delete: { id: string } }
  | { patch: { id: string; set?: Record<string, unknown> } };

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The documents a query sees in a perspective: published only, or drafts over published. */
function documentsIn(dataset: Map<string, StandInDocument>, perspective: string): StandInDocument[] {
  const all = [...dataset.values()];
  const published = all.filter((document) => !document._id.startsWith('drafts.'));
  if (perspective !== 'drafts' && perspective !== 'previewDrafts') return published;
  const byId = new Map(published.map((document) => [document._id, document]));
  for (const draft of all.filter((document) => document._id.startsWith('drafts.'))) {
    const id = draft._id.slice('drafts.'.length);
    byId.set(id, { ...draft, _id: id, _originalId: draft._id });
  }
  return [...byId.values()];
}

function stamp(document: StandInDocument): StandInDocument {
  const now = new Date().toISOString();
  return { _createdAt: now, _updatedAt: now, _rev: Math.random().toString(36).slice(2), ...document };
}

/** Starts the stand-in on a free loopback port, with an optional initial dataset. */
export async function startSanityStandIn(
  options: { token?: string; documents?: StandInDocument[] } = {},
): Promise<SanityStandIn> {
  const dataset = new Map((options.documents ?? []).map((document) => [document._id, stamp(document)]));
  const state = { writes: 0 };
  const requests: { method: string; path: string }[] = [];
  const authorized = (request: IncomingMessage) =>
    !options.token || request.headers.authorization === `Bearer ${options.token}`;

  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://stand-in.invalid');
      requests.push({ method: request.method ?? 'GET', path: url.pathname });
      const send = (status: number, body: unknown) => {
        response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      };
      try {
        const query = /^\/v[\w-]+\/data\/query\/[\w-]+$/.test(url.pathname);
        const mutate = /^\/v[\w-]+\/data\/mutate\/[\w-]+$/.test(url.pathname);
        if (query) {
          let groq = url.searchParams.get('query') ?? '';
          const params: Record<string, unknown> = {};
          for (const [name, value] of url.searchParams)
            if (name.startsWith('$')) params[name.slice(1)] = JSON.parse(value);
          if (request.method === 'POST') {
            const body = JSON.parse(await readBody(request)) as { query: string; params?: Record<string, unknown> };
            groq = body.query;
            Object.assign(params, body.params ?? {});
          }
          const perspective = url.searchParams.get('perspective') ?? 'published';
          if (perspective !== 'published' && !authorized(request)) {
            send(401, { error: 'Unauthorized', message: 'Drafts need a token' });
            return;
          }
          const tree = parse(groq, { params });
          const result: unknown = await (
            await evaluate(tree, { dataset: documentsIn(dataset, perspective), params })
          ).get();
          send(200, { query: groq, result, ms: 1 });
          return;
        }
        if (mutate && request.method === 'POST') {
          if (!authorized(request)) {
            send(401, { error: 'Unauthorized', message: 'Mutations need a token' });
            return;
          }
          const { mutations } = JSON.parse(await readBody(request)) as { mutations: Mutation[] };
          const results: { id: string; operation: string }[] = [];
          for (const mutation of mutations) {
            if ('createOrReplace' in mutation) {
              dataset.set(mutation.createOrReplace._id, stamp(mutation.createOrReplace));
              results.push({ id: mutation.createOrReplace._id, operation: 'update' });
            } else if ('create' in mutation) {
              if (dataset.has(mutation.create._id)) {
                send(409, { error: 'Conflict', message: `Document ${mutation.create._id} exists` });
                return;
              }
              dataset.set(mutation.create._id, stamp(mutation.create));
              results.push({ id: mutation.create._id, operation: 'create' });
            } else if ('createIfNotExists' in mutation) {
              if (!dataset.has(mutation.createIfNotExists._id))
                dataset.set(mutation.createIfNotExists._id, stamp(mutation.createIfNotExists));
              results.push({ id: mutation.createIfNotExists._id, operation: 'create' });
            } else if ('delete' in mutation) {
              dataset.delete(mutation.delete.id);
              results.push({ id: mutation.delete.id, operation: 'delete' });
            } else {
              const existing = dataset.get(mutation.patch.id);
              if (existing) dataset.set(existing._id, { ...existing, ...(mutation.patch.set ?? {}) });
              results.push({ id: mutation.patch.id, operation: 'update' });
            }
            state.writes += 1;
          }
          send(200, { transactionId: `t${state.writes}`, results });
          return;
        }
        send(404, {
          error: 'Not found',
          message: `The stand-in does not implement ${request.method ?? ''} ${url.pathname}`,
        });
      } catch (error) {
        send(400, { error: 'Bad request', message: error instanceof Error ? error.message : String(error) });
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    apiHost: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    dataset,
    get writes() {
      return state.writes;
    },
    requests,
    close: () =>
      new Promise((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}
