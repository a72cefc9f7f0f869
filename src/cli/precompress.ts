/**
 * Writes a brotli (`.br`) and a gzip (`.gz`) copy beside every text file of the built site, so
 * the server sends compressed bytes without compressing on each request.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { compressibleExtensions } from '../platform/http/compression.ts';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);
const root = path.resolve(process.argv[2] ?? 'dist/client');

const files = (await readdir(root, { recursive: true, withFileTypes: true }))
  .filter((entry) => entry.isFile() && compressibleExtensions.includes(path.extname(entry.name)))
  .map((entry) => path.join(entry.parentPath, entry.name));

let original = 0;
let compressed = 0;
for (const file of files) {
  const content = await readFile(file);
  const [br, gzipped] = await Promise.all([
    brotli(content, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
    }),
    gz(content, { level: 9 }),
  ]);
  await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gzipped)]);
  original += content.length;
  compressed += br.length;
}
console.log(
  `precompressed ${files.length} files: ${Math.round(original / 1024)} KiB → ${Math.round(compressed / 1024)} KiB (brotli)`,
);
