/**
 * The portal as the desk's browser tests run it: the built portal, as in production, on
 * `localhost` (WebAuthn refuses an IP address as the relying party), with what a test needs and
 * production must never have, on a control port of its own:
 *
 * - a clock the test moves forward (`POST /advance?minutes=N`) and reads (`GET /now`): a TOTP code
 *   is accepted once, so each sign-in of a test takes a new 30-second step;
 * - a member of staff made and enrolled at once (`POST /staff`, JSON `{ email, name, role,
 *   districts, locale }`), answering with their password and TOTP secret;
 * - an applicant's sent application with one document (`POST /application`, JSON `{ email,
 *   district, locale }`), answering with its reference and the document's id;
 * - a signed-in staff session of a member (`POST /staff-session`, JSON `{ staffId }`), for
 *   requests written by hand.
 *
 * Everything goes through the same store functions the pages use.
 */
import { readConfig } from '../../src/app/config.ts';
import { startPortal } from '../../src/app/portal.ts';
import { markMfaVerified, startPrincipalSession } from '../../src/features/auth/store.ts';
import { exampleAnswers } from '../../src/features/applications/examples.ts';
import { openDraft, saveStep, submitApplication } from '../../src/features/applications/drafts.ts';
import type { StepId } from '../../src/features/applications/journey.ts';
import { currentTotp } from '../../src/features/desk/credentials.ts';
import { isStaffRole } from '../../src/features/desk/policy.ts';
import { enrolWithPassword, inviteStaff, pendingTotpSecret } from '../../src/features/desk/staff.ts';
import { addDocument } from '../../src/features/documents/store.ts';
import { isLocale } from '../../src/i18n/locales.ts';
import { movableClock, serveControl } from './control-server.ts';

const movable = movableClock();
const clock = movable.now;
const config = readConfig();
const { runtime } = await startPortal(config, { clock, log: () => undefined });

async function enrolledStaff(input: Record<string, unknown>) {
  const role = input['role'];
  const locale = input['locale'] ?? 'kk';
  if (!isStaffRole(role) || !isLocale(locale)) throw new Error('role or locale');
  const invited = await inviteStaff(runtime.db, {
    email: String(input['email']),
    name: String(input['name']),
    role,
    districts: (input['districts'] as string[] | undefined) ?? [],
    locale,
    by: undefined,
    origin: { ip: '127.0.0.1', now: clock() },
    link: (token) => token,
  });
  if (invited.status !== 'invited') throw new Error('exists');
  const password = 'a test password of staff';
  // Enrolled a minute ago, so the test's first code (of the clock's now) is a new one.
  const then = new Date(clock().getTime() - 60_000);
  const secret = (await pendingTotpSecret(runtime.db, invited.token, then)) ?? '';
  const enrolled = await enrolWithPassword(runtime.db, {
    token: invited.token,
    password,
    totpCode: await currentTotp(secret, then),
    origin: { ip: '127.0.0.1', now: then },
  });
  if (enrolled.status !== 'enrolled') throw new Error(enrolled.status);
  return { staffId: invited.staffId, password, secret };
}

async function sentApplication(input: Record<string, unknown>) {
  const locale = input['locale'] ?? 'ru';
  if (!isLocale(locale)) throw new Error('locale');
  const email = String(input['email']);
  const [applicant] = await runtime.db.query<{ id: string }>(
    `insert into applicants (email, locale) values ($1, $2)
     on conflict (email) do update set email = excluded.email returning id`,
    [email, locale],
  );
  if (!applicant) throw new Error('applicant');
  const draft = await openDraft(runtime.db, applicant.id, locale);
  const answers: Record<string, unknown> = {
    ...exampleAnswers,
    address: {
      ...exampleAnswers.address,
      district: typeof input['district'] === 'string' ? input['district'] : 'merke',
    },
    applicant: { ...exampleAnswers.applicant, email },
  };
  for (const [step, data] of Object.entries(answers)) {
    const saved = await saveStep(runtime.db, {
      applicantId: applicant.id,
      applicationId: draft.id,
      step: step as StepId,
      data,
    });
    if (saved.status !== 'saved') throw new Error(`${step}: ${saved.status}`);
  }
  const sent = await submitApplication(runtime.db, {
    applicantId: applicant.id,
    applicationId: draft.id,
    link: (lang, reference) => runtime.publicUrl(`/${lang}/account/${reference}/`),
    now: clock(),
  });
  if (sent.status !== 'submitted') throw new Error(sent.status);
  const document = await addDocument(runtime.db, {
    application: { applicantId: applicant.id, reference: sent.reference },
    kind: 'identity',
    fileName: 'passport.pdf',
    bytes: new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
    uploadsDir: runtime.uploadsDir,
  });
  if (document.status !== 'added') throw new Error(document.status);
  return { reference: sent.reference, applicantId: applicant.id, documentId: document.id };
}

serveControl(Number(process.env['DESK_CONTROL_PORT']), movable, {
  staff: enrolledStaff,
  application: sentApplication,
  // A staff session with its second factor checked, for requests written by hand.
  'staff-session': async (input) => {
    const token = await startPrincipalSession(runtime.db, { kind: 'staff', id: String(input['staffId']) }, clock());
    await markMfaVerified(runtime.db, 'staff', token, clock());
    return { token };
  },
});
