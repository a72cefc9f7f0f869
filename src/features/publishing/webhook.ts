/**
 * The endpoint a Sanity webhook calls when an editor publishes. It acts only on a request signed
 * with the shared secret: anything else gets 401 and changes nothing. A signed call starts the
 * configured rebuild; if that fails the answer is 502, so Sanity retries and no publication is lost.
 */
import { isValidSignature, SIGNATURE_HEADER_NAME } from '@sanity/webhook';

/** Starts whatever makes the published content appear on the site (a rebuild, a cache refresh). */
export type PublishTrigger = (event: { documentId: string | undefined; type: string | undefined }) => Promise<void>;

export interface WebhookOptions {
  /** The secret shared with the Sanity webhook; undefined when the webhook is not set up. */
  secret: string | undefined;
  trigger: PublishTrigger | undefined;
  /** Webhook bodies are small; anything larger is refused unread. */
  maxBytes?: number;
}

function json(status: number, body: Record<string, unknown>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

async function signatureIsValid(payload: string, signature: string, secret: string): Promise<boolean> {
  try {
    return await isValidSignature(payload, signature, secret);
  } catch {
    // A malformed signature header is as good as none.
    return false;
  }
}

export async function handlePublishWebhook(request: Request, options: WebhookOptions): Promise<Response> {
  const { secret, trigger, maxBytes = 256 * 1024 } = options;
  if (!secret || !trigger) return json(404, { error: 'The publishing webhook is not set up on this server.' });
  const declaredLength = Number(request.headers.get('content-length') ?? '0');
  if (declaredLength > maxBytes) return json(413, { error: 'The webhook body is too large.' });
  const payload = await request.text();
  if (Buffer.byteLength(payload) > maxBytes) return json(413, { error: 'The webhook body is too large.' });
  const signature = request.headers.get(SIGNATURE_HEADER_NAME);
  if (!signature) return json(401, { error: `Sign the request: the ${SIGNATURE_HEADER_NAME} header is missing.` });
  if (!(await signatureIsValid(payload, signature, secret))) {
    return json(401, { error: 'The signature does not match: check the secret of the webhook.' });
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
    const reason = error instanceof Error ? error.message : String(error);
    return json(502, { error: `The rebuild could not be started (${reason}); Sanity will retry.` });
  }
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
