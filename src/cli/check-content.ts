/**
 * `npm run content:check`: checks `content/` (or the folder given as the first argument) and
 * prints every problem with its file and field. Exits 1 when there is any.
 */
import path from 'node:path';
import { checkContent, formatProblems } from '../content/check.ts';
import { readContentDir } from '../content/files.ts';

const contentDir = path.resolve(process.argv[2] ?? 'content');
const { problems, documents } = checkContent(await readContentDir(contentDir));
if (problems.length > 0) {
  console.error(
    `${problems.length} problem(s) in ${path.relative(process.cwd(), contentDir) || '.'}:\n${formatProblems(problems)}`,
  );
  process.exit(1);
}
console.log(`content: ${documents.length} documents, no problems`);
