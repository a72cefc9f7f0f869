/**
 * Saves one answer of an attempt in progress: what the quiz island posts as each answer is chosen
 * (a form-encoded body, so the same request gate and origin check apply). Answers JSON: `saved`,
 * or a 4xx with a message in the page's language. A browser without JavaScript never comes here:
 * its form posts to the test page.
 */
import type { APIRoute } from 'astro';
import { loadSchool } from '../../../../../lib/school-course.ts';
import { saveAnswers } from '../../../../../features/school/store.ts';
import { singleAnswerSchema } from '../../../../../features/school/forms.ts';

export const prerender = false;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });

export const POST: APIRoute = async ({ locals, params, request }) => {
  const { t, lang, runtime, session } = locals;
  if (!session) return json(401, { error: t('school.error.answer.signedOut') });
  const school = await loadSchool(lang);
  if (!school.rules.modules.some((module) => module.key === params.module))
    return json(404, { error: t('school.error.answer.notInTest') });
  const form = await request.formData().catch(() => undefined);
  const parsed = singleAnswerSchema.safeParse(form ? Object.fromEntries(form) : undefined);
  if (!parsed.success) return json(400, { error: t('school.error.answer.notInTest') });
  const result = await saveAnswers(runtime.db, {
    applicantId: session.applicantId,
    course: school.rules,
    module: params.module ?? '',
    attemptId: parsed.data.attempt,
    answers: [{ question: parsed.data.question, option: parsed.data.option }],
    now: runtime.now(),
  });
  if (result.status === 'saved') return json(200, { saved: true });
  if (result.status === 'not-found') return json(409, { error: t('school.error.answer.closed') });
  return json(422, { error: t('school.error.answer.notInTest') });
};
