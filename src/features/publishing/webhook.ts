/**
 * The endpoint a Sanity webhook calls when an editor publishes. It acts only on a request signed
 * with the shared secret and signed within the last five minutes: anything else gets 401 and
 * changes nothing. Each signed delivery starts the configured rebuild once: a replay of it is
 * recognised by its signature, kept in the database. If the rebuild cannot be started the answer
 * is 502 and the delivery is forgotten, so Sanity's retry starts it and no publication is lost.
 */
import { createHash, randomUUID } from 'node:crypto';
import { decodeSignatureHeader, isValidSignature, SIGNATURE_HEADER_NAME } from '@sanity/webhook';
import type { Database } from '../../platform/db/database.ts';

/** Starts whatever makes the published content appear on the site (a rebuild, a cache refresh). */
export type PublishTrigger = (event: { documentId: string | undefined; type: string | undefined }) => Promise<void>;

export interface WebhookOptions {
  /** The secret shared with the Sanity webhook; undefined when the webhook is not set up. */
  secret: string | undefined;
  trigger: PublishTrigger | undefined;
  /** Where the deliveries already acted on are remembered. */
  db: Pick<Database, 'query'>;
  /** Webhook bodies are small; anything larger is refused, and no more of it is read. */
  maxBytes?: number;
  /** The current time (tests set it). */
  now?: Date;
}

/**
 * How far a signature's timestamp may be from the server's clock, either way. A captured call is
 * useless once this has passed; allowing the future too only absorbs clock differences.
 */
export const signatureWindowMs = 5 * 60_000;

/**
 * A delivery still marked as starting after this long belongs to a server that stopped while the
 * rebuild was starting (the deploy hook gives up after 10 seconds): a retry may take it over.
 */
const takeoverAfterMs = 60_000;

/**
 * Remembered deliveries are deleted after this. It must be longer than the time a signature
 * passes the timestamp check (at most two windows after it was received); an hour is ample.
 */
const rememberMs = 60 * 60_000;

function json(status: number, body: Record<string, unknown>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

const tooLarge = () => json(413, { error: 'The webhook body is too large.' });

/**
 * The body as text, or undefined as soon as it passes `maxBytes`: then no more is read, and the
 * stream is cancelled so its sender stops. A declared Content-Length is not trusted for this:
 * a chunked body has none.
 */
async function readAtMost(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<string | undefined> {
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  // Decoded once at the end: a character split between two chunks stays whole.
  return new TextDecoder().decode(Buffer.concat(chunks));
}

async function signatureIsValid(payload: string, signature: string, secret: string): Promise<boolean> {
  try {
    return await isValidSignature(payload, signature, secret);
  } catch {
    // A malformed signature header is as good as none.
    return false;
  }
}

/** Why a correctly signed call is too old or too new to act on; undefined when its time is fine. */
function outsideWindow(signature: string, now: Date): string | undefined {
  // Sanity's timestamp is in milliseconds ("t=1772442000000,v1=…"); the library checks that too.
  const offset = decodeSignatureHeader(signature).timestamp - now.getTime();
  if (Math.abs(offset) <= signatureWindowMs) return undefined;
  const minutes = Math.round(Math.abs(offset) / 60_000);
  return (
    `The signature was made ${String(minutes)} minutes ${offset < 0 ? 'ago' : 'ahead of this server'}; ` +
    `a call is accepted only within ${String(signatureWindowMs / 60_000)} minutes of being signed. ` +
    `A replayed call is refused; if Sanity's calls are refused, check the server's clock.`
  );
}

type Claim = { kind: 'ours'; token: string } | { kind: 'done' } | { kind: 'starting' };

/**
 * Marks a delivery as being acted on by this call, in one statement, so that of any number of
 * simultaneous copies exactly one gets it. A copy of a delivery that was left starting for over
 * a minute takes it over. The token says whose the row is, so a slow first attempt that fails
 * late cannot forget a delivery a later attempt has since acted on.
 */
async function claimDelivery(db: Pick<Database, 'query'>, signatureHash: string, now: Date): Promise<Claim> {
  const token = randomUUID();
  const claimed = await db.query(
    `insert into webhook_deliveries as d (signature_hash, state, claim, claimed_at, received_at)
     values ($1, 'starting', $2, $3, $3)
     on conflict (signature_hash) do update set claim = excluded.claim, claimed_at = excluded.claimed_at
       where d.state = 'starting' and d.claimed_at < $4
     returning claim`,
    [signatureHash, token, now.toISOString(), new Date(now.getTime() - takeoverAfterMs).toISOString()],
  );
  if (claimed.length > 0) return { kind: 'ours', token };
  const [row] = await db.query<{ state: string }>('select state from webhook_deliveries where signature_hash = $1', [
    signatureHash,
  ]);
  // No row: the attempt that held it has just failed and forgotten it; a retry will act on it.
  return row?.state === 'done' ? { kind: 'done' } : { kind: 'starting' };
}

/**
 * Answers a call of the Sanity webhook. `db` must hold the `webhook_deliveries` table (migration
 * 0006, in `./migrations.ts`). A delivery is recognised by the hash of its signature header: the library accepts only
 * the exact header it would write itself, so one delivery has exactly one accepted spelling.
 */
export async function handlePublishWebhook(request: Request, options: WebhookOptions): Promise<Response> {
  const { secret, trigger, db, maxBytes = 256 * 1024 } = options;
  if (!secret || !trigger) return json(404, { error: 'The publishing webhook is not set up on this server.' });
  const declaredLength = Number(request.headers.get('content-length') ?? '0');
  if (declaredLength > maxBytes) return tooLarge();
  const signature = request.headers.get(SIGNATURE_HEADER_NAME);
  if (!signature) return json(401, { error: `Sign the request: the ${SIGNATURE_HEADER_NAME} header is missing.` });
  const payload = await readAtMost(request.body, maxBytes);
  if (payload === undefined) return tooLarge();
  if (!(await signatureIsValid(payload, signature, secret))) {
    return json(401, { error: 'The signature does not match: check the secret of the webhook.' });
  }
  const now = options.now ?? new Date();
  // Checked only after the signature, so that what an unsigned caller sends is never stored.
  const stale = outsideWindow(signature, now);
  if (stale) return json(401, { error: stale });

  const signatureHash = createHash('sha256').update(signature).digest('hex');
  await db.query('delete from webhook_deliveries where received_at < $1', [
    new Date(now.getTime() - rememberMs).toISOString(),
  ]);
  const claim = await claimDelivery(db, signatureHash, now);
  // A delivery already acted on is answered 200 without a second rebuild. Sanity retries any
  // non-2xx answer, so a retry of a call whose answer was lost (Sanity's advice: be idempotent)
  // must get a 2xx or it would be retried until Sanity gives up; an attacker's replay gets the
  // same 2xx and changes nothing, so a 409 would protect nothing more.
  if (claim.kind === 'done') return json(200, { duplicate: true });
  // While the first copy is still starting the rebuild, that may yet fail: a 2xx now could end
  // Sanity's retries of a publication that is then lost. 409 makes Sanity try again later.
  if (claim.kind === 'starting') {
    return json(409, { error: 'This delivery is being acted on now; try again in a minute.' });
  }

  let documentId: string | undefined;
  let type: string | undefined;
  try {
    const body = JSON.parse(payload) as { _id?: unknown; _type?: unknown };
    documentId = typeof body._id === 'string' ? body._id : undefined;
    type = typeof body._type === 'string' ? body._type : undefined;
  } catch {
    // A signed body that is not JSON still means "something was published".
  }
  try {
    await trigger({ documentId, type });
  } catch (error) {
    // Forgotten, so that Sanity's retry of this very delivery starts the rebuild.
    await db.query('delete from webhook_deliveries where signature_hash = $1 and claim = $2', [
      signatureHash,
      claim.token,
    ]);
    const reason = error instanceof Error ? error.message : String(error);
    return json(502, { error: `The rebuild could not be started (${reason}); Sanity will retry.` });
  }
  await db.query(`update webhook_deliveries set state = 'done' where signature_hash = $1 and claim = $2`, [
    signatureHash,
    claim.token,
  ]);
  return json(202, { accepted: true });
}

/** A trigger that calls a deploy hook (a CI pipeline, a hosting provider's build hook) with POST. */
export function deployHookTrigger(url: string, fetchImpl: typeof fetch = fetch): PublishTrigger {
  return async (event) => {
    const response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        reason: 'content published',
        documentId: event.documentId ?? null,
        type: event.type ?? null,
      }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`the deploy hook answered ${response.status}`);
  };
}
