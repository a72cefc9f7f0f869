import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCertificateFile } from './attachment.ts';
import { buildCredential, signCredential, verifyCredential } from './credential.ts';
import { facts, issuer, labels, verifyUrl } from './fixtures.ts';
import { renderCertificatePdf } from './pdf.ts';
import { developmentSigningKey, type SigningKey } from './signing-key.ts';

let key: SigningKey;
let jwt: string;
let pdf: Buffer;

beforeAll(async () => {
  key = (await developmentSigningKey(':memory:')).key;
  jwt = await signCredential(buildCredential(facts, issuer, verifyUrl), key);
  pdf = await renderCertificatePdf({ facts, languages: ['kk', 'ru'], labels, verifyUrl, credentialJwt: jwt });
});

const text = (value: string) => new TextEncoder().encode(value);

/** A PDF that pdfkit writes without compression, as another program might: the JWT stored as is. */
async function uncompressedPdf(attachment: string): Promise<Buffer> {
  const doc = new PDFDocument({ compress: false, font: 'Courier' });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => {
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
  });
  doc.file(Buffer.from('a note that is not a credential'), { name: 'readme.txt' });
  doc.file(Buffer.from(attachment), { name: 'credential.jwt' });
  doc.end();
  return done;
}

/** Where the bytes of the PDF's embedded file stream begin. */
function embeddedStreamStart(bytes: Buffer): number {
  const dictionary = bytes.indexOf('/Type /EmbeddedFile\n');
  return bytes.indexOf('stream\n', dictionary) + 'stream\n'.length;
}

describe('reading an uploaded certificate file', () => {
  it('finds the credential attached to a certificate PDF, and it verifies', async () => {
    const file = readCertificateFile(new Uint8Array(pdf));
    expect(file).toEqual({ kind: 'pdf', jwt });
    expect(await verifyCredential(jwt, [key.publicJwk])).toMatchObject({ valid: true });
  });

  it('reads a PDF inside a larger buffer, as an upload may be a view of one', () => {
    const padded = Buffer.concat([Buffer.alloc(100, 7), pdf, Buffer.alloc(100, 7)]);
    expect(readCertificateFile(new Uint8Array(padded.buffer, padded.byteOffset + 100, pdf.length))).toEqual({
      kind: 'pdf',
      jwt,
    });
  });

  it('finds a credential stored without compression, among other attachments', async () => {
    expect(readCertificateFile(await uncompressedPdf(jwt))).toEqual({ kind: 'pdf', jwt });
  });

  it('reads the credential on its own, as text, with a byte-order mark or a final newline', () => {
    expect(readCertificateFile(text(jwt))).toEqual({ kind: 'jwt', jwt });
    expect(readCertificateFile(text(`\uFEFF${jwt}\r\n`))).toEqual({ kind: 'jwt', jwt });
  });

  it('makes nothing of a PDF whose attachment was changed by one byte, or reads it and it fails', async () => {
    for (const offset of [0, 2, 40, 300]) {
      const changed = Buffer.from(pdf);
      const at = embeddedStreamStart(changed) + offset;
      changed[at] = (changed[at] ?? 0) ^ 0x01;
      const file = readCertificateFile(changed);
      expect(file.kind).toBe('pdf');
      if (file.kind === 'pdf' && file.jwt !== undefined) {
        expect((await verifyCredential(file.jwt, [key.publicJwk])).valid, `offset ${offset}`).toBe(false);
      }
    }
    // Stored as is, one changed character of the JWT is read, and fails verification.
    const plain = await uncompressedPdf(jwt);
    const at = plain.indexOf(jwt) + 200;
    plain[at] = plain[at] === 0x41 ? 0x42 : 0x41;
    const file = readCertificateFile(plain);
    expect(file.kind === 'pdf' && file.jwt).toBeTruthy();
    if (file.kind === 'pdf' && file.jwt) {
      expect(await verifyCredential(file.jwt, [key.publicJwk])).toEqual({ valid: false, reason: 'bad-signature' });
    }
  });

  it('says a PDF has no credential when it has none, is cut short, or attaches something else', async () => {
    const cut = pdf.subarray(0, embeddedStreamStart(pdf) + 10);
    expect(readCertificateFile(cut)).toEqual({ kind: 'pdf', jwt: undefined });
    expect(readCertificateFile(text('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'))).toEqual({
      kind: 'pdf',
      jwt: undefined,
    });
    expect(readCertificateFile(await uncompressedPdf('{"not":"a jwt"}'))).toEqual({ kind: 'pdf', jwt: undefined });
  });

  it('gives up on a deflate bomb dressed as an attachment, quickly', () => {
    const bomb = deflateSync(Buffer.alloc(50 * 1024 * 1024, 'a'));
    const pdfBomb = Buffer.concat([
      Buffer.from(`%PDF-1.7\n5 0 obj\n<< /Type /EmbeddedFile /Length ${bomb.length} /Filter /FlateDecode >>\nstream\n`),
      bomb,
      Buffer.from('\nendstream\nendobj\n'),
    ]);
    const started = performance.now();
    expect(readCertificateFile(pdfBomb)).toEqual({ kind: 'pdf', jwt: undefined });
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('bounds its work on a huge or hostile PDF', () => {
    const markers = Buffer.from(`%PDF-1.7\n${'1 0 obj << /Type /EmbeddedFile (((((( '.repeat(200_000)}`);
    let started = performance.now();
    expect(readCertificateFile(markers)).toEqual({ kind: 'pdf', jwt: undefined });
    expect(performance.now() - started).toBeLessThan(1000);
    // Markers with nothing around them, at the end of a large file: no search runs through it all.
    const sparse = Buffer.alloc(15 * 1024 * 1024, 0x20);
    sparse.write('%PDF-1.7');
    sparse.write('<< /Type /EmbeddedFile /Length 99 >> <<'.repeat(16), sparse.length - 1000);
    started = performance.now();
    expect(readCertificateFile(sparse)).toEqual({ kind: 'pdf', jwt: undefined });
    expect(performance.now() - started).toBeLessThan(1000);
    const huge = Buffer.alloc(17 * 1024 * 1024, 0x20);
    huge.write('%PDF-1.7');
    started = performance.now();
    expect(readCertificateFile(huge)).toEqual({ kind: 'pdf', jwt: undefined });
    expect(performance.now() - started).toBeLessThan(100);
  });

  it.each([
    ['nothing', new Uint8Array()],
    ['plain text', text('hello, this is my certificate')],
    ['three dotted words', text('a.b.c')],
    ['the credential as JSON', text(JSON.stringify({ type: ['VerifiableCredential'] }))],
    ['a PNG', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])],
    ['bytes that are not UTF-8', Uint8Array.from([0xff, 0xfe, 0xfd, 0x2e, 0x80, 0x2e, 0x81])],
    ['a long text', text('x'.repeat(100_000))],
  ])('says a file of %s is unknown', (_, bytes) => {
    expect(readCertificateFile(bytes)).toEqual({ kind: 'unknown' });
  });

  it('never throws on garbage, before or after a PDF header', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.boolean(), (bytes, asPdf) => {
        const input = asPdf ? new Uint8Array([...text('%PDF-1.7\n'), ...bytes]) : bytes;
        const file = readCertificateFile(input);
        expect(['pdf', 'jwt', 'unknown']).toContain(file.kind);
      }),
      { numRuns: 300 },
    );
    // The real certificate cut into pieces and put back in another order: never a made-up credential.
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: pdf.length - 1 }), { maxLength: 12 }),
        fc.boolean(),
        (cuts, keepHead) => {
          const bounds = [0, ...[...cuts].sort((a, b) => a - b), pdf.length];
          const pieces = bounds.slice(1).map((end, i) => pdf.subarray(bounds[i], end));
          const [head, ...rest] = pieces;
          const shuffled = keepHead && head ? [head, ...rest.reverse()] : pieces.reverse();
          const file = readCertificateFile(Buffer.concat(shuffled));
          if (file.kind !== 'unknown' && file.jwt !== undefined) expect(file.jwt).toBe(jwt);
        },
      ),
      { numRuns: 100 },
    );
  });
});
