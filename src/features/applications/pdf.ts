/**
 * A sent application as a PDF, for its applicant to keep or print: what the application's page
 * shows (the reference, when it was sent, the stage it is at, the answers section by section and
 * the documents attached) in the page's language, under the portal's name and the region's
 * department, with the moment the copy was made at the end.
 *
 * Made as the school's certificate is (../school/certificate/pdf.ts): pdfkit, Noto Sans embedded
 * and subset for the Kazakh letters, tagged so that a screen reader reads it in order and in the
 * right language, PDF/A so that it can be kept. The same input gives the same bytes: the creation
 * date is the moment of printing the caller gives.
 *
 * A feature may not import src/lib, so the caller passes what the page computes there: the
 * answers as sections (`answerSummary`), the names of the kinds of document, and the formats of
 * dates and sizes. Pure, apart from reading the fonts.
 */
import PDFDocument from 'pdfkit';
import { collectPdf, metadataText, pdfFonts } from '../../platform/pdf/document.ts';
import { localeInfo, type Locale } from '../../i18n/locales.ts';
import type { Translate } from '../../i18n/translator.ts';
import type { DocumentKind } from '../documents/file-type.ts';
import type { ApplicationPage } from './account.ts';

/** One step's answers as the page shows them (`AnswerSection` of src/lib/answer-summary.ts fits). */
export interface ApplicationPdfSection {
  title: string;
  rows: readonly { label: string; value: string }[];
}

export interface ApplicationPdfInput {
  lang: Locale;
  /** The translator of the page's language. */
  t: Translate;
  /** The portal's name, printed at the top. */
  siteName: string;
  /** The region's department, printed under the portal's name. */
  publisher: string;
  reference: string;
  /** The application as its page has it: the stage, its history named in `lang`, the documents. */
  application: Pick<ApplicationPage, 'status' | 'history' | 'documents'>;
  /** The answers, without the documents step: the documents have a list of their own. */
  sections: readonly ApplicationPdfSection[];
  /** What each kind of document is called in `lang` (`documentKindLabels`). */
  documentKinds: Readonly<Record<DocumentKind, string>>;
  /** How `lang` writes a date, a date with its time, and a file's size (src/lib/format.ts and `formatMegabytes`). */
  format: {
    date: (date: Date) => string;
    dateTime: (date: Date) => string;
    size: (bytes: number) => string;
  };
  /** When the copy is made: printed at the end and recorded as the file's creation date. */
  printedAt: Date;
}

/**
 * When the application was sent and the stage it is at now, or undefined for one never sent: a
 * draft has no copy to print. The stage is the last of its history, as its page shows it.
 */
export function sentApplication(
  application: Pick<ApplicationPage, 'status' | 'history'>,
): { sentAt: Date; stage: string } | undefined {
  if (application.status === undefined) return undefined;
  const sent = application.history.find((entry) => entry.status === 'submitted') ?? application.history[0];
  const current = application.history.at(-1);
  if (!sent || !current) return undefined;
  return { sentAt: sent.at, stage: current.label };
}

/** The file's name on download: ASCII only (a reference is), so every browser keeps it. */
export function applicationPdfFileName(reference: string, lang: Locale): string {
  return `${reference}-${lang}.pdf`;
}

const colours = { ink: '#1f2933', second: '#52606d', accent: '#1d5c63', rule: '#9fb3b8' };

/** A4 in points; the margins leave room at the foot for the reference and page number. */
const page = { width: 595.28, height: 841.89, margin: 56, footer: 28 };
const contentWidth = page.width - 2 * page.margin;
const bottom = page.height - page.margin - page.footer;
/** The answers in two columns, as on a form: the question on the left, the answer on the right. */
const labelWidth = Math.round(contentWidth * 0.42);
const columnGap = 16;
const valueWidth = contentWidth - labelWidth - columnGap;

type FontName = 'regular' | 'bold';

interface Style {
  font: FontName;
  size: number;
  colour: string;
}

const styles = {
  site: { font: 'bold', size: 13, colour: colours.accent },
  publisher: { font: 'regular', size: 9, colour: colours.second },
  h1: { font: 'bold', size: 18, colour: colours.ink },
  h2: { font: 'bold', size: 14, colour: colours.accent },
  h3: { font: 'bold', size: 11.5, colour: colours.ink },
  label: { font: 'regular', size: 9.5, colour: colours.second },
  value: { font: 'regular', size: 10.5, colour: colours.ink },
  note: { font: 'regular', size: 9, colour: colours.second },
} as const satisfies Record<string, Style>;

/** Renders the copy. The same input gives the same bytes. */
export async function renderApplicationPdf(input: ApplicationPdfInput): Promise<Buffer> {
  const sent = sentApplication(input.application);
  if (!sent) throw new Error('Only a sent application has a copy to print.');
  const { t, lang, reference, format } = input;
  const language = localeInfo[lang].htmlLang;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: page.margin, left: page.margin, right: page.margin, bottom: page.height - bottom },
    pdfVersion: '1.7',
    // Part 2: it has no attachment, which is what part 3 (the certificate's) would add.
    subset: 'PDF/A-2b',
    tagged: true,
    lang: language,
    displayTitle: true,
    // The page numbers are written once every page exists.
    bufferPages: true,
    // Before anything is drawn: otherwise pdfkit starts with Helvetica, which PDF/A does not allow.
    font: pdfFonts.regular,
    info: {
      Title: metadataText(t('status.title', { reference })),
      Subject: metadataText(t('application.pdf.heading')),
      Creator: metadataText(input.siteName),
      CreationDate: input.printedAt,
    },
  });
  const finished = collectPdf(doc);

  const root = doc.struct('Document');
  doc.addStructure(root);

  let y = page.margin;
  const use = (style: Style) => doc.font(style.font).fontSize(style.size).fillColor(style.colour);
  const heightOf = (text: string, style: Style, width: number) => {
    use(style);
    return doc.heightOfString(text, { width });
  };
  /** Starts a new page unless `height` more fits on this one: a heading stays with what follows it. */
  const keep = (height: number) => {
    if (y + height <= bottom || y === page.margin) return;
    doc.addPage();
    y = page.margin;
  };
  /**
   * How much of a block must fit for it to start on this page: all of it, unless it is longer
   * than a page, when its first lines are enough (it runs on to the next page in any case).
   */
  const fitted = (height: number) => (height > bottom - page.margin ? 3 * styles.value.size * 1.4 : height);
  const rowHeight = (label: string, value: string) =>
    Math.max(heightOf(label, styles.label, labelWidth), heightOf(value, styles.value, valueWidth));
  /** Writes a paragraph of the structure `tag` into `parent`, at the current height. */
  const write = (
    parent: PDFKit.PDFStructureElement,
    tag: string,
    text: string,
    style: Style,
    at: { x: number; width: number; gap: number },
  ) => {
    keep(at.gap + fitted(heightOf(text, style, at.width)));
    y += y === page.margin ? 0 : at.gap;
    parent.add(
      doc.struct(tag, {}, () => {
        use(style).text(text, at.x, y, { width: at.width });
      }),
    );
    y = doc.y;
  };
  const full = (gap: number) => ({ x: page.margin, width: contentWidth, gap });
  const rule = (gap: number) => {
    y += gap;
    doc.markContent('Artifact', { type: 'Layout' });
    doc
      .lineWidth(0.5)
      .strokeColor(colours.rule)
      .moveTo(page.margin, y)
      .lineTo(page.width - page.margin, y)
      .stroke();
    doc.endMarkedContent();
  };
  /**
   * A question and its answer side by side, kept together on one page. Each is a paragraph of its
   * own, the question first, so that a screen reader reads them in the order of the page.
   */
  const row = (parent: PDFKit.PDFStructureElement, label: string, value: string, gap: number) => {
    keep(gap + fitted(rowHeight(label, value)));
    y += y === page.margin ? 0 : gap;
    const top = y;
    const pages = doc.bufferedPageRange().count;
    parent.add(
      doc.struct('P', {}, () => {
        use(styles.label).text(label, page.margin, top + 1, { width: labelWidth });
      }),
    );
    const labelEnd = doc.y;
    parent.add(
      doc.struct('P', {}, () => {
        use(styles.value).text(value || '—', page.margin + labelWidth + columnGap, top, { width: valueWidth });
      }),
    );
    // An answer longer than a page runs on to the next: the row then ends where its answer does.
    y = doc.bufferedPageRange().count > pages ? doc.y : Math.max(labelEnd, doc.y);
  };
  /** A heading of the second level, kept on the page of what follows it. */
  const h2 = (text: string) => {
    keep(22 + heightOf(text, styles.h2, contentWidth) + 48);
    write(root, 'H2', text, styles.h2, full(22));
  };

  // The portal and the department, as at the top of every page of the portal.
  write(root, 'P', input.siteName, styles.site, full(0));
  write(root, 'P', input.publisher, styles.publisher, full(2));
  rule(10);
  write(root, 'H1', t('application.pdf.heading'), styles.h1, full(16));
  const facts = doc.struct('Sect');
  root.add(facts);
  row(facts, t('apply.done.reference'), reference, 10);
  row(facts, t('application.pdf.sent'), format.date(sent.sentAt), 6);
  row(facts, t('application.pdf.stage'), sent.stage, 6);
  write(facts, 'P', t('application.pdf.note'), styles.note, full(10));

  // The answers, step by step, as under "What you sent" on the page.
  h2(t('status.copy'));
  for (const section of input.sections) {
    const part = doc.struct('Sect');
    root.add(part);
    // The heading and its first answer start on the same page.
    const first = section.rows[0];
    keep(
      14 +
        heightOf(section.title, styles.h3, contentWidth) +
        (first ? 8 + fitted(rowHeight(first.label, first.value)) : 0),
    );
    write(part, 'H3', section.title, styles.h3, full(14));
    section.rows.forEach((answer, index) => {
      row(part, answer.label, answer.value, index === 0 ? 8 : 5);
    });
  }

  // The documents, named and sized as the page lists them.
  h2(t('documents.heading'));
  const { documents } = input.application;
  if (documents.length === 0) {
    write(root, 'P', t('documents.none'), styles.value, full(8));
  } else {
    const list = doc.struct('L');
    root.add(list);
    documents.forEach((document, index) => {
      const item = doc.struct('LI');
      list.add(item);
      const text = `${input.documentKinds[document.kind]}: ${document.originalName} (${format.size(document.sizeBytes)})`;
      write(item, 'LBody', text, styles.value, full(index === 0 ? 8 : 4));
    });
  }

  rule(20);
  write(root, 'P', t('application.pdf.printed', { date: format.dateTime(input.printedAt) }), styles.note, full(8));
  root.end();

  // On every page, at its foot: the reference and the page's number, for a printed copy whose
  // pages come apart. Decoration for a screen reader, which has both already.
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index += 1) {
    doc.switchToPage(index);
    // Writing below the bottom margin would make pdfkit start a new page.
    doc.page.margins.bottom = 0;
    const footerY = page.height - page.margin - 4;
    doc.markContent('Artifact', { type: 'Pagination' });
    use(styles.note).text(reference, page.margin, footerY, { width: contentWidth / 2, lineBreak: false });
    use(styles.note).text(`${String(index - start + 1)} / ${String(count)}`, page.width / 2, footerY, {
      width: contentWidth / 2,
      align: 'right',
      lineBreak: false,
    });
    doc.endMarkedContent();
  }
  doc.end();
  return finished;
}
