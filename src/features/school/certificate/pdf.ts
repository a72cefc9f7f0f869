/**
 * The certificate as a printable PDF/A-3b: an A4 page in Kazakh and Russian (the official pair, on
 * one page) or in English, with a QR code to the verify page, and the signed credential attached
 * as `credential.jwt` (an associated file, relationship Source), so the file proves itself.
 *
 * pdfkit because it is the one maintained Node library that writes PDF/A-3 and tagged PDF, and
 * subsets TrueType fonts correctly. Noto Sans, full TTFs from npm, because it has every Kazakh
 * letter (Ә Ғ Қ Ң Ө Ұ Ү Һ І) in one file, and PDF/A forbids the Standard 14 fonts anyway.
 *
 * The same input gives the same bytes: the creation date is the date of issue, and pdfkit derives
 * the file's ID and the font subset's tag from its inputs. Pure, apart from reading the fonts.
 */
import PDFDocument from 'pdfkit';
import { collectPdf, metadataText, pdfFonts } from '../../../platform/pdf/document.ts';
import QRCode from 'qrcode';
import type { CertificateFacts } from './credential.ts';

export type CertificateLanguage = 'kk' | 'ru' | 'en';

/** The words of the certificate in one language, from the translations of the page that asks for it. */
export interface LanguageLabels {
  /** "Certificate". */
  heading: string;
  /** "This certificate is awarded to", above the name. */
  awardedTo: string;
  /** "for completing the course", above the course's title. */
  forCompleting: string;
  /** "72 academic hours", with the language's plural. */
  hours: (n: number) => string;
  /** "Issued on 14 March 2025", with the language's date format. */
  issuedOn: (date: Date) => string;
  /** "Certificate number", beside the code. */
  code: string;
  /** "Check that it is genuine at", above the verify address. */
  verifyAt: string;
}

export type CertificateLabels = Record<CertificateLanguage, LanguageLabels>;

export interface CertificatePdfInput {
  facts: CertificateFacts;
  /** `['kk', 'ru']` for the official certificate (both on one page, Kazakh first) or `['en']`. */
  languages: readonly CertificateLanguage[];
  labels: CertificateLabels;
  /** The school's name: printed at the top and recorded as the document's author, when given. */
  issuerName?: string | undefined;
  /** Where the QR code leads, printed under the code. */
  verifyUrl: string;
  /** The signed credential (`signCredential`), attached to the file. */
  credentialJwt: string;
}

/** The attachment's name: `readCertificateFile` looks for it first. */
export const credentialFileName = 'credential.jwt';

const languageTags: Record<CertificateLanguage, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en' };

const colours = { ink: '#1f2933', second: '#52606d', accent: '#1d5c63', rule: '#9fb3b8' };

/** A4 in points, and the frame and text margins inside it. */
const page = { width: 595.28, height: 841.89, frame: 28, margin: 72 };
const qrSize = 100;
const footerHeight = qrSize + 30;

/** One paragraph of the page, laid out before it is drawn so that the page can be made to fit. */
interface Block {
  text: string;
  font: 'regular' | 'bold';
  size: number;
  colour: string;
  language: CertificateLanguage;
  tag: 'H1' | 'P';
  /** Space before it, in points. */
  gap: number;
  characterSpacing?: number;
  /** Shrinks to stay on one line, down to two-thirds of its size, before it wraps: for the name. */
  shrinkToLine?: boolean;
  /** A short rule in the gap after it: under the heading. */
  ruleAfter?: boolean;
}

/**
 * One block per language: the first language in full size and ink, the second smaller and grey
 * under it, as on the bilingual documents of Kazakhstan. A line the same in both is printed once.
 */
function perLanguage(
  languages: readonly CertificateLanguage[],
  text: (language: CertificateLanguage) => string,
  style: Omit<Block, 'text' | 'language' | 'colour'>,
): Block[] {
  const seen = new Set<string>();
  return languages.flatMap((language, index) => {
    const value = text(language);
    if (seen.has(value)) return [];
    seen.add(value);
    const first = index === 0;
    return [
      {
        ...style,
        text: value,
        language,
        colour: first ? colours.ink : colours.second,
        size: first ? style.size : style.size * 0.8,
        gap: first ? style.gap : style.gap * 0.25,
      },
    ];
  });
}

function blocks(input: CertificatePdfInput): Block[] {
  const { facts, languages, labels } = input;
  const [primary = 'en'] = languages;
  const issuer: Block[] = input.issuerName
    ? [{ text: input.issuerName, font: 'bold', size: 11, colour: colours.accent, language: primary, tag: 'P', gap: 0 }]
    : [];
  const headings = perLanguage(languages, (l) => labels[l].heading.toLocaleUpperCase(languageTags[l]), {
    font: 'bold',
    size: 30,
    tag: 'H1',
    gap: issuer.length > 0 ? 26 : 0,
    characterSpacing: 3,
  });
  headings.splice(-1, 1, ...headings.slice(-1).map((heading) => ({ ...heading, ruleAfter: true })));
  return [
    ...issuer,
    ...headings,
    ...perLanguage(languages, (l) => labels[l].awardedTo, { font: 'regular', size: 12, tag: 'P', gap: 30 }),
    // The name is printed once: it is the same in every language.
    {
      text: facts.holderName,
      font: 'bold',
      size: 26,
      colour: colours.ink,
      language: primary,
      tag: 'P',
      gap: 14,
      shrinkToLine: true,
    },
    ...perLanguage(languages, (l) => labels[l].forCompleting, { font: 'regular', size: 12, tag: 'P', gap: 30 }),
    ...perLanguage(languages, (l) => `«${facts.courseTitles[l]}»`, { font: 'bold', size: 15, tag: 'P', gap: 10 }),
    ...perLanguage(languages, (l) => labels[l].hours(facts.academicHours), {
      font: 'regular',
      size: 12,
      tag: 'P',
      gap: 18,
    }),
    ...perLanguage(languages, (l) => labels[l].issuedOn(facts.issuedAt), {
      font: 'regular',
      size: 12,
      tag: 'P',
      gap: 14,
    }),
  ];
}

function blockHeight(doc: PDFKit.PDFDocument, block: Block, scale: number, width: number): number {
  doc.font(block.font).fontSize(block.size * scale);
  return block.gap * scale + doc.heightOfString(block.text, { width, characterSpacing: block.characterSpacing ?? 0 });
}

/** Draws the QR code as filled rectangles, a run of dark modules at a time: sharp at any size. */
function drawQrCode(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const cell = size / modules.size;
  for (let row = 0; row < modules.size; row += 1) {
    let column = 0;
    while (column < modules.size) {
      if (!modules.get(row, column)) {
        column += 1;
        continue;
      }
      const start = column;
      while (column < modules.size && modules.get(row, column)) column += 1;
      doc.rect(x + start * cell, y + row * cell, (column - start) * cell, cell);
    }
  }
  doc.fillColor(colours.ink).fill();
}

/** Renders the certificate. The same input gives the same bytes. */
export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Buffer> {
  const { facts, languages, labels } = input;
  const [primary] = languages;
  if (primary === undefined) throw new Error('A certificate needs at least one language.');
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    pdfVersion: '1.7',
    subset: 'PDF/A-3b',
    tagged: true,
    lang: languageTags[primary],
    displayTitle: true,
    // Before anything is drawn: otherwise pdfkit starts with Helvetica, which PDF/A does not allow.
    font: pdfFonts.regular,
    info: {
      Title: metadataText(`${labels[primary].heading} ${facts.code}: ${facts.holderName}`),
      ...(input.issuerName ? { Author: metadataText(input.issuerName) } : {}),
      Subject: metadataText(languages.map((l) => facts.courseTitles[l]).join(' / ')),
      Creator: 'Alaqan',
      CreationDate: facts.issuedAt,
    },
  });
  const finished = collectPdf(doc);

  const root = doc.struct('Document');
  doc.addStructure(root);

  // The frame: two thin lines, decoration only, so an artifact for screen readers.
  doc.markContent('Artifact', { type: 'Layout' });
  const { frame } = page;
  doc.lineWidth(1.2).strokeColor(colours.accent);
  doc.rect(frame, frame, page.width - 2 * frame, page.height - 2 * frame).stroke();
  doc.lineWidth(0.5).strokeColor(colours.rule);
  doc.rect(frame + 6, frame + 6, page.width - 2 * frame - 12, page.height - 2 * frame - 12).stroke();
  doc.endMarkedContent();

  // The text, scaled down together if long titles or a long name would run into the footer.
  const width = page.width - 2 * page.margin;
  const top = page.margin + 6;
  const available = page.height - page.margin - footerHeight - 24 - top;
  const laidOut = blocks(input);
  const measure = (scale: number) => laidOut.reduce((sum, block) => sum + blockHeight(doc, block, scale, width), 0);
  let scale = 1;
  for (let attempt = 0; attempt < 8 && measure(scale) > available; attempt += 1) {
    scale *= Math.max(0.7, available / measure(scale));
  }
  // A little above the middle of the space left, as a printed page is balanced.
  let y = top + Math.max(0, available - measure(scale)) * 0.4;
  for (const block of laidOut) {
    y += block.gap * scale;
    let size = block.size * scale;
    doc.font(block.font).fontSize(size).fillColor(block.colour);
    if (block.shrinkToLine) {
      while (doc.widthOfString(block.text) > width && size > block.size * scale * 0.67) {
        size -= 0.5;
        doc.fontSize(size);
      }
    }
    const options = { width, align: 'center' as const, characterSpacing: block.characterSpacing ?? 0 };
    root.add(
      doc.struct(block.tag, { lang: languageTags[block.language] }, () => {
        doc.text(block.text, page.margin, y, options);
      }),
    );
    y = doc.y;
    if (block.ruleAfter) {
      const ruleY = y + 12 * scale;
      doc.markContent('Artifact', { type: 'Layout' });
      doc
        .lineWidth(1.5)
        .strokeColor(colours.accent)
        .moveTo(page.width / 2 - 28, ruleY)
        .lineTo(page.width / 2 + 28, ruleY)
        .stroke();
      doc.endMarkedContent();
    }
  }

  // The footer: the QR code on the left; the code and the verify address beside it.
  const footerTop = page.height - page.margin - footerHeight + 12;
  doc.markContent('Artifact', { type: 'Layout' });
  doc
    .lineWidth(0.5)
    .strokeColor(colours.rule)
    .moveTo(page.margin, footerTop - 20)
    .lineTo(page.width - page.margin, footerTop - 20)
    .stroke();
  doc.endMarkedContent();
  root.add(
    doc.struct('Figure', { alt: input.verifyUrl }, () => {
      drawQrCode(doc, input.verifyUrl, page.margin, footerTop, qrSize);
    }),
  );
  const textLeft = page.margin + qrSize + 20;
  const textWidth = page.width - page.margin - textLeft;
  const caption = (pick: (l: LanguageLabels) => string) =>
    [...new Set(languages.map((l) => pick(labels[l])))].join(' / ');
  let footerY = footerTop + 4;
  const footerLine = (text: string, font: 'regular' | 'bold', size: number, colour: string, gapAfter: number) => {
    root.add(
      doc.struct('P', { lang: languageTags[primary] }, () => {
        doc.font(font).fontSize(size).fillColor(colour).text(text, textLeft, footerY, { width: textWidth });
      }),
    );
    footerY = doc.y + gapAfter;
  };
  footerLine(
    caption((l) => l.code),
    'regular',
    9,
    colours.second,
    2,
  );
  footerLine(facts.code, 'bold', 17, colours.ink, 10);
  footerLine(
    caption((l) => l.verifyAt),
    'regular',
    9,
    colours.second,
    2,
  );
  footerLine(input.verifyUrl, 'regular', 10, colours.accent, 0);

  // The signed credential, attached as PDF/A-3 allows: an associated file of the document whose
  // source it is. Its dates are the date of issue, so the file stays the same for the same facts.
  const attachment: PDFKit.Mixins.PDFAttachmentOptions & { relationship: string } = {
    name: credentialFileName,
    type: 'application/vc+jwt',
    description: 'Open Badges 3.0 credential of this certificate, signed by the issuer (VC-JWT)',
    creationDate: facts.issuedAt,
    modifiedDate: facts.issuedAt,
    relationship: 'Source',
  };
  doc.file(Buffer.from(input.credentialJwt, 'utf8'), attachment);

  root.end();
  doc.end();
  return finished;
}
