/** POST /api/sanity/publish/: called by the Sanity webhook on publish (see README, "Publishing"). */
import type { APIRoute } from 'astro';
import { deployHookTrigger, handlePublishWebhook } from '../../../features/publishing/webhook.ts';
import { readPublishingEnv } from '../../../server/env.ts';

export const prerender = false;

export const POST: APIRoute = ({ request }) => {
  const { SANITY_WEBHOOK_SECRET: secret, PUBLISH_HOOK_URL: hook } = readPublishingEnv();
  return handlePublishWebhook(request, { secret, trigger: hook ? deployHookTrigger(hook) : undefined });
};
