/**
 * `npm run staff:create-admin -- <email> "<name>" [kk|ru|en]`: the first regional administrator,
 * made from the command line (nobody can invite before there is one). Prints the invitation link
 * (also emailed through the outbox when the portal runs with a mail service).
 */
import { readConfig } from '../app/config.ts';
import { portalMigrations } from '../app/runtime.ts';
import { emailSchema } from '../features/auth/policy.ts';
import { inviteStaff } from '../features/desk/staff.ts';
import { isLocale } from '../i18n/locales.ts';
import { openDatabase } from '../platform/db/database.ts';
import { migrate } from '../platform/db/migrate.ts';
import { publicUrl } from '../platform/http/deployment.ts';

const [emailArgument, name, localeArgument = 'kk'] = process.argv.slice(2);
const email = emailSchema.safeParse(emailArgument ?? '');
if (!email.success || !name?.trim() || !isLocale(localeArgument)) {
  console.error('Usage: npm run staff:create-admin -- <email> "<full name>" [kk|ru|en]');
  process.exit(2);
}
const config = readConfig();
const db = await openDatabase(config.database);
try {
  await migrate(db, portalMigrations);
  const result = await inviteStaff(db, {
    email: email.data,
    name: name.trim(),
    role: 'administrator',
    districts: [],
    locale: localeArgument,
    by: undefined,
    origin: { ip: 'command line', now: new Date() },
    link: (token, locale) => publicUrl(config.deployment, `/${locale}/desk/invitation/?token=${token}`),
  });
  if (result.status === 'exists') {
    console.error(`${email.data} is already a member of staff.`);
    process.exitCode = 1;
  } else {
    console.log(`Administrator invited. Open this link within 7 days to enrol (it works once):`);
    console.log(publicUrl(config.deployment, `/${localeArgument}/desk/invitation/?token=${result.token}`));
  }
} finally {
  await db.close();
}
