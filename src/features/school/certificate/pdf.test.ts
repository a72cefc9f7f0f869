import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCredential, signCredential, verifyCredential } from './credential.ts';
import { facts, issuer, labels, verifyUrl } from './fixtures.ts';
import { renderCertificatePdf, type CertificatePdfInput } from './pdf.ts';
import { developmentSigningKey, type SigningKey } from './signing-key.ts';

let key: SigningKey;
let input: CertificatePdfInput;
let official: Buffer;
let english: Buffer;

beforeAll(async () => {
  key = (await developmentSigningKey(':memory:')).key;
  const credentialJwt = await signCredential(buildCredential(facts, issuer, verifyUrl), key);
  input = { facts, languages: ['kk', 'ru'], labels, issuerName: issuer.name, verifyUrl, credentialJwt };
  [official, english] = await Promise.all([
    renderCertificatePdf(input),
    renderCertificatePdf({ ...input, languages: ['en'], issuerName: 'Alaqan — School of adoptive parents' }),
  ]);
});

/** What a reader of the PDF sees: pdf.js, as in Firefox, reading text, attachments and metadata. */
async function read(pdf: Buffer) {
  const document = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  try {
    const page = await document.getPage(1);
    const content = await page.getTextContent();
    const text = content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
    const attachments = ((await document.getAttachments()) ?? {}) as Record<string, { content: Uint8Array }>;
    const info = (await document.getMetadata()).info as Record<string, unknown>;
    return { pages: document.numPages, text, attachments, info };
  } finally {
    await document.destroy();
  }
}

/** The PDF's own bytes as text: its dictionaries are written uncompressed. */
const raw = (pdf: Buffer) => pdf.toString('latin1');

describe('the certificate PDF', () => {
  it('declares itself PDF/A-3b, tagged, in Kazakh, with an sRGB output intent and the credential as its source', () => {
    const text = raw(official);
    expect(text.startsWith('%PDF-1.7')).toBe(true);
    expect(text).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(text).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(text).toContain('/OutputIntents');
    expect(text).toMatch(/\/MarkInfo \d+ 0 R/);
    expect(text).toContain('/StructTreeRoot');
    expect(text).toContain('/Lang (kk-KZ)');
    expect(text).toContain('/Lang (ru-RU)');
    expect(text).toMatch(/\/AF \[\d+ 0 R\]/);
    expect(text).toContain('/AFRelationship /Source');
    expect(text).toContain('/Subtype /application#2Fvc+jwt');
    expect(raw(english)).toContain('/Lang (en)');
  });

  it('embeds Noto Sans, regular and bold, and no Standard 14 font', () => {
    for (const pdf of [official, english]) {
      const text = raw(pdf);
      expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSans-Regular/);
      expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSans-Bold/);
      expect(text.match(/\/FontFile2 /g)?.length).toBe(2);
      expect(text).not.toMatch(/Helvetica|Times-Roman|Courier|\/Subtype \/Type1/);
    }
  });

  it('gives back every Kazakh letter as text, with the name, the code and the verify address', async () => {
    const { pages, text } = await read(official);
    expect(pages).toBe(1);
    for (const letter of ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і', 'Ә', 'Ғ', 'Қ']) expect(text).toContain(letter);
    expect(text).toContain(facts.holderName);
    expect(text).toContain(facts.courseTitles.kk);
    expect(text).toContain('Настоящий сертификат выдан');
    expect(text).toContain(facts.code);
    expect(text).toContain(verifyUrl);
    const english_ = await read(english);
    expect(english_.text).toContain('This certificate is awarded to');
    expect(english_.text).toContain(facts.holderName);
    expect(english_.text).not.toContain('Настоящий');
  });

  it('carries the signed credential, which verifies', async () => {
    const { attachments } = await read(official);
    const attached = attachments['credential.jwt'];
    expect(attached).toBeDefined();
    const jwt = new TextDecoder().decode(attached?.content);
    expect(jwt).toBe(input.credentialJwt);
    expect(await verifyCredential(jwt, [key.publicJwk])).toMatchObject({ valid: true, facts: { code: facts.code } });
  });

  it('records its title, author and date of issue', async () => {
    const { info } = await read(official);
    expect(info).toMatchObject({
      Title: `Сертификат ${facts.code}: ${facts.holderName}`,
      Author: issuer.name,
      CreationDate: 'D:20250314092653Z',
    });
  });

  it('is the same file, byte for byte, for the same facts', async () => {
    expect((await renderCertificatePdf(input)).equals(official)).toBe(true);
  });

  it('keeps a very long name and course title on one page', async () => {
    const long = await renderCertificatePdf({
      ...input,
      facts: {
        ...facts,
        holderName: 'Әлия-Гүлнәр Ғалымжанқызы Құрманова-Сәрсенбаева-Тоқтарбаева',
        courseTitles: {
          kk: 'Қ'.repeat(20) + ' ' + facts.courseTitles.kk.repeat(3),
          ru: facts.courseTitles.ru.repeat(3),
          en: 'x',
        },
      },
      issuerName: `${issuer.name} <& «Алақан»>`,
    });
    const { pages, text, info } = await read(long);
    expect(pages).toBe(1);
    expect(text.replace(/\s+/g, ' ')).toContain('Құрманова');
    // pdfkit writes the author into XML unescaped: it must not break the metadata.
    expect(info['Author']).toBe(`${issuer.name} ＜＆ «Алақан»＞`);
  });

  it('needs a language', async () => {
    await expect(renderCertificatePdf({ ...input, languages: [] })).rejects.toThrow('language');
  });
});
