/**
 * `npm run audit:verify`: checks the hash chain of the desk's audit log in the configured
 * database (DATABASE_URL, or the PGlite in DATA_DIR) and prints how many entries it holds, or the
 * first broken one. Exits 1 when the chain is broken or could not be read, so a scheduled job can
 * raise the alarm. It reads only: it neither migrates nor writes. Keep the counts it prints: the
 * chain cannot show that its newest entries were removed, and a count lower than before does.
 *
 * The settings are read as the server reads them, so in development run it as
 * `NODE_ENV=development npm run audit:verify`. A PGlite data directory is one process's at a time:
 * stop the development server first.
 */
import { readConfig, type PortalConfig } from '../app/config.ts';
import { verifyAuditChain } from '../features/desk/audit.ts';
import { openDatabase } from '../platform/db/database.ts';

let config: PortalConfig;
try {
  config = readConfig();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  console.error('(On a development machine: NODE_ENV=development npm run audit:verify)');
  process.exit(1);
}

const db = await openDatabase(config.database).catch((error: unknown) => {
  console.error(`The database could not be opened: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
try {
  const [table] = await db.query<{ found: boolean }>("select to_regclass('audit_log') is not null as found");
  if (!table?.found) {
    console.error('This database has no audit log yet: the portal has not been started on it (it migrates on start).');
    process.exitCode = 1;
  } else {
    const check = await verifyAuditChain(db);
    if (check.status === 'intact')
      console.log(`audit log intact: ${String(check.entries)} ${check.entries === 1 ? 'entry' : 'entries'}`);
    else {
      console.error(`audit log broken at entry ${check.seq}: ${check.reason}`);
      process.exitCode = 1;
    }
  }
} catch (error) {
  console.error(`The audit log could not be checked: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
