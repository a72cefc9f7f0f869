/**
 * What every page of the course starts with: the signed-in applicant (or a redirect to sign in
 * that brings them back), the course in the page's language, and their enrolment (or a redirect
 * to the course's start, where they enrol).
 */
import type { AstroGlobal } from 'astro';
import { requireApplicant } from '../app/guards.ts';
import type { Session } from '../features/auth/store.ts';
import { schoolPaths } from '../features/school/paths.ts';
import { findLearner, type Learner } from '../features/school/store.ts';
import { applicationPath } from '../features/applications/paths.ts';
import { ensureCertificate, type IssueResult } from '../features/school/certificates.ts';
import { issuerName, loadSchool, type School, type SchoolModule } from './school-course.ts';
import { defaultLocale } from '../i18n/locales.ts';

export interface SchoolPage {
  session: Session;
  school: School;
  learner: Learner;
}

export async function schoolPage(astro: AstroGlobal): Promise<SchoolPage | Response> {
  const session = requireApplicant(astro);
  if (session instanceof Response) return session;
  const { lang, runtime } = astro.locals;
  const school = await loadSchool(lang);
  const learner = await findLearner(runtime.db, session.applicantId, school.rules.key);
  if (!learner) return astro.redirect(schoolPaths.course(lang), 303);
  return { session, school, learner };
}

export interface SchoolModulePage extends SchoolPage {
  module: SchoolModule;
  /** The module's key, from the address: the same in every language. */
  moduleKey: string;
}

/** `schoolPage`, on a page of one module (its overview, a lesson, its test, an attempt): a 404 for a module the course does not have. */
export async function schoolModulePage(astro: AstroGlobal): Promise<SchoolModulePage | Response> {
  const page = await schoolPage(astro);
  if (page instanceof Response) return page;
  const moduleKey = astro.params['module'] ?? '';
  const module = page.school.modules.find((candidate) => candidate.entry.data.translationKey === moduleKey);
  return module ? { ...page, module, moduleKey } : notInCourse();
}

/** A 404 in the page's language for a module or lesson the course does not have. */
export function notInCourse(): Response {
  return new Response(null, { status: 404 });
}

/**
 * Issues the learner's certificate if their course is complete (and moves their applications
 * invited to the school on). Called where completion can happen and where it is shown.
 */
export async function issueIfComplete(locals: App.Locals, applicantId: string, school: School): Promise<IssueResult> {
  const { runtime } = locals;
  return ensureCertificate(runtime.db, {
    applicantId,
    course: school.rules,
    courseTitles: school.titles,
    // The department's name in the portal's first language, whatever the page's: one name per issuer.
    issuer: { ...runtime.issuer, name: await issuerName(defaultLocale) },
    statusLink: (locale, reference) => runtime.publicUrl(applicationPath(locale, reference)),
    now: runtime.now(),
  });
}
