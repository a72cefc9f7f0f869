/** What the benchmarks share: the server's environment, the PostgreSQL server, percentiles and the printed table. */
import pg from 'pg';

/** The PostgreSQL server the benchmarks make their throw-away databases on. */
export const serverUrl = process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/';

export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? Number.NaN;
}

/** The portal's environment as `npm start` has it: development mailbox, no proxy, our data only. */
export function serverEnv(data: { DATA_DIR: string } | { DATABASE_URL: string; DATA_DIR?: string }): NodeJS.ProcessEnv {
  const ours = new Set(['DATABASE_URL', 'DATA_DIR', 'RESEND_API_KEY', 'NODE_ENV', 'TRUST_PROXY', 'SITE_URL']);
  return {
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !ours.has(name))),
    NODE_ENV: 'development',
    ...data,
  };
}

/** One statement on the PostgreSQL server's maintenance connection (creating and dropping databases). */
export async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** A table with the first column left-aligned and the others right-aligned, as the benchmarks print it. */
export function table(header: readonly string[], cells: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((line) => line[column]?.length ?? 0)),
  );
  const line = (values: readonly string[]) =>
    values
      .map((value, column) => (column === 0 ? value.padEnd(widths[column] ?? 0) : value.padStart(widths[column] ?? 0)))
      .join('  ');
  return ['', line(header), ...cells.map(line)].join('\n');
}
