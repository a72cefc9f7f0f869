/** POST /api/sanity/publish/: called by the Sanity webhook on publish (see README, "Publishing"). */
import type { APIRoute } from 'astro';
import { deployHookTrigger, handlePublishWebhook } from '../../../features/publishing/webhook.ts';
import { readPublishingEnv } from '../../../server/env.ts';
import { portalRuntime } from '../../../server/runtime.ts';

export const prerender = false;

export const POST: APIRoute = ({ request }) => {
  const { SANITY_WEBHOOK_SECRET: secret, PUBLISH_HOOK_URL: hook } = readPublishingEnv();
  return handlePublishWebhook(request, {
    secret,
    trigger: hook ? deployHookTrigger(hook) : undefined,
    // Deliveries already acted on are remembered here, so a replayed call starts no rebuild.
    db: portalRuntime().db,
  });
};
