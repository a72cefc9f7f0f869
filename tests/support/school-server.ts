/**
 * The portal as the school's browser tests run it: the built portal, as in production, with two
 * things a test needs and production must never have, on a control port of its own:
 *
 * - a clock the test moves forward (`POST /advance?minutes=N`), for the pause between attempts;
 * - the data layer, to seed a learner's other modules (`POST /complete-modules`, JSON `{ email,
 *   except }`) and to revoke a certificate as staff would (`POST /revoke`, JSON `{ code, reason }`).
 *
 * Everything goes through the same store functions the pages use.
 */
import { readConfig } from '../../src/app/config.ts';
import { startPortal } from '../../src/app/portal.ts';
import { localCourseRules } from '../../src/cli/course-rules.ts';
import { revokeCertificate } from '../../src/features/school/certificates.ts';
import { markLessonRead, openLesson, startAttempt, submitAttempt } from '../../src/features/school/store.ts';
import { movableClock, serveControl } from './control-server.ts';

const movable = movableClock();
const clock = movable.now;
const config = readConfig();
const { runtime } = await startPortal(config, { clock, log: () => undefined });

const course = await localCourseRules();

/** Reads every lesson and passes every test of the learner's modules but `except`, through the store. */
async function completeModules(email: string, except: readonly string[]): Promise<number> {
  const [applicant] = await runtime.db.query<{ id: string }>('select id from applicants where email = $1', [email]);
  if (!applicant) throw new Error(`no applicant ${email}`);
  const applicantId = applicant.id;
  let completed = 0;
  for (const module of course.modules.filter((candidate) => !except.includes(candidate.key))) {
    for (const lesson of module.lessons) {
      await openLesson(runtime.db, { applicantId, course, lesson, now: clock() });
      await markLessonRead(runtime.db, { applicantId, course, lesson, now: clock() });
    }
    const started = await startAttempt(runtime.db, { applicantId, course, module: module.key, now: clock() });
    if (started.status !== 'started' && started.status !== 'open') continue;
    const answers = started.attempt.questions.map((question) => ({
      question,
      option: module.questions.find((candidate) => candidate.key === question)?.correct ?? '',
    }));
    await submitAttempt(runtime.db, {
      applicantId,
      course,
      module: module.key,
      attemptId: started.attempt.id,
      answers,
      now: clock(),
    });
    completed += 1;
  }
  return completed;
}

serveControl(Number(process.env['SCHOOL_CONTROL_PORT']), movable, {
  'complete-modules': async (input) => ({
    completed: await completeModules(String(input['email']), (input['except'] as string[] | undefined) ?? []),
  }),
  revoke: async (input) => ({
    result: await revokeCertificate(runtime.db, {
      code: String(input['code']),
      reason: String(input['reason']),
      staffId: '00000000-0000-4000-8000-000000000001',
      now: clock(),
    }),
  }),
});
