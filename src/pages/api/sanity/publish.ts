/** POST /api/sanity/publish/: called by the Sanity webhook on publish (see README, "Publishing"). */
import type { APIRoute } from 'astro';
import { deployHookTrigger, handlePublishWebhook } from '../../../features/publishing/webhook.ts';

export const prerender = false;

export const POST: APIRoute = ({ request, locals }) => {
  const { publishing } = locals.runtime.config;
  return handlePublishWebhook(request, {
    secret: publishing?.secret,
    trigger: publishing ? deployHookTrigger(publishing.hookUrl) : undefined,
    // Deliveries already acted on are remembered here, so a replayed call starts no rebuild.
    db: locals.runtime.db,
  });
};
