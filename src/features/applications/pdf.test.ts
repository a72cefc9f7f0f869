import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrateAll, testDatabases } from '../../../tests/support/databases.ts';
import { localeInfo, locales, type Locale } from '../../i18n/locales.ts';
import { translatorFor, uiStrings } from '../../i18n/translator.ts';
import type { Database } from '../../platform/db/database.ts';
import { documentKinds } from '../documents/file-type.ts';
import { applicationPage } from './account.ts';
import { exampleAnswers } from './examples.ts';
import { applicationPdfFileName, renderApplicationPdf, sentApplication, type ApplicationPdfInput } from './pdf.ts';
import { statusLabel } from './status-labels.ts';

const reference = 'AQ-9BFH-0VCX-N';
const sentAt = new Date('2026-11-21T04:30:00Z');
const printedAt = new Date('2026-11-30T09:05:00Z');
/** Kazakh answers that, with the Kazakh headings, hold every letter Russian lacks (ә ғ қ ң ө ұ ү һ і). */
const kazakhAnswers = {
  fullName: exampleAnswers.applicant.fullName,
  settlement: 'Тараз шаһары',
  street: exampleAnswers.address.street,
  household: 'Ұлан Нұрланов, ұлы, 2015; Әлия Ғалымқызы, анасы, 1968',
};

/** What the route gives the renderer, made here as src/lib would (a feature may not import it). */
function inputIn(lang: Locale, changes: Partial<ApplicationPdfInput> = {}): ApplicationPdfInput {
  const t = translatorFor(lang);
  const intl = localeInfo[lang].intl;
  const date = (options: Intl.DateTimeFormatOptions) => (value: Date) =>
    new Intl.DateTimeFormat(intl, { ...options, timeZone: 'Asia/Almaty' }).format(value);
  return {
    lang,
    t,
    siteName: { kk: 'Алақан', ru: 'Алақан', en: 'Alaqan' }[lang],
    publisher: 'Жамбыл облысы әкімдігі білім басқармасының баланың құқықтарын қорғау бөлімі',
    reference,
    application: {
      status: 'documents-requested',
      history: [
        {
          kind: 'status',
          status: 'submitted',
          note: null,
          dueOn: undefined,
          detail: undefined,
          at: sentAt,
          actor: 'applicant',
          label: statusLabel(t, 'submitted'),
        },
        {
          kind: 'request',
          dueOn: undefined,
          detail: undefined,
          status: 'documents-requested',
          note: 'Анықтама керек',
          at: new Date('2026-11-25T06:00:00Z'),
          actor: 'staff',
          label: statusLabel(t, 'documents-requested'),
        },
      ],
      documents: [
        {
          id: '6f1c0a52-8a7e-4d1b-9c3e-2b5d4f6a7e8c',
          kind: 'identity',
          originalName: 'жеке-куәлік.pdf',
          mediaType: 'application/pdf',
          sizeBytes: 1_572_864,
        },
      ],
    },
    sections: [
      {
        title: t('apply.step.applicant'),
        rows: [
          { label: t('apply.field.fullName'), value: kazakhAnswers.fullName },
          { label: t('apply.field.iin'), value: exampleAnswers.applicant.iin },
        ],
      },
      {
        title: t('apply.step.address'),
        rows: [
          { label: t('apply.field.settlement'), value: kazakhAnswers.settlement },
          { label: t('apply.field.street'), value: kazakhAnswers.street },
        ],
      },
      {
        title: t('apply.step.household'),
        rows: [{ label: t('apply.step.household'), value: kazakhAnswers.household }],
      },
    ],
    documentKinds: Object.fromEntries(documentKinds.map((kind) => [kind, t(`documents.kind.${kind}`)])) as Record<
      (typeof documentKinds)[number],
      string
    >,
    format: {
      date: date({ dateStyle: 'long' }),
      dateTime: date({ dateStyle: 'long', timeStyle: 'short' }),
      size: (bytes) =>
        new Intl.NumberFormat(intl, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(
          bytes / 1024 / 1024,
        ),
    },
    printedAt,
    ...changes,
  };
}

/** What a reader of the PDF sees: pdf.js, as in Firefox, reading every page's text and the metadata. */
async function read(pdf: Buffer) {
  const document = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  try {
    const texts: string[] = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      const content = await (await document.getPage(number)).getTextContent();
      texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
    }
    const info = (await document.getMetadata()).info as Record<string, unknown>;
    // Lines wrapped by the layout read back with a space between them, as they were written.
    return { pages: document.numPages, text: texts.join(' ').replace(/\s+/g, ' '), info };
  } finally {
    await document.destroy();
  }
}

/** The PDF's own bytes as text: its dictionaries are written uncompressed. */
const raw = (pdf: Buffer) => pdf.toString('latin1');

const pdfs = {} as Record<Locale, Buffer>;

beforeAll(async () => {
  for (const lang of locales) pdfs[lang] = await renderApplicationPdf(inputIn(lang));
});

describe('the application’s PDF', () => {
  it('is a PDF with the reference, the answers in Kazakh and every Kazakh letter', async () => {
    expect(raw(pdfs.kk).startsWith('%PDF-1.7')).toBe(true);
    const { pages, text } = await read(pdfs.kk);
    expect(pages).toBe(1);
    expect(text).toContain(reference);
    for (const answer of Object.values(kazakhAnswers)) expect(text).toContain(answer);
    for (const letter of ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і', 'Ә', 'Ғ', 'Қ', 'Ұ'])
      expect(text).toContain(letter);
  });

  it.each(locales)('in %s, has that language’s heading and words, and no other language’s heading', async (lang) => {
    const { text, info } = await read(pdfs[lang]);
    const words = uiStrings[lang];
    expect(text).toContain(words['application.pdf.heading']);
    for (const other of locales.filter((candidate) => candidate !== lang)) {
      expect(text).not.toContain(uiStrings[other]['application.pdf.heading']);
    }
    const t = translatorFor(lang);
    const input = inputIn(lang);
    for (const expected of [
      input.siteName,
      input.publisher,
      t('apply.done.reference'),
      t('application.pdf.sent'),
      input.format.date(sentAt),
      t('application.pdf.stage'),
      // The stage now, the last of its history, as the page shows it.
      statusLabel(t, 'documents-requested'),
      t('status.copy'),
      t('apply.step.household'),
      t('documents.heading'),
      `${t('documents.kind.identity')}: жеке-куәлік.pdf (${input.format.size(1_572_864)})`,
      t('application.pdf.printed', { date: input.format.dateTime(printedAt) }),
    ]) {
      expect(text).toContain(expected);
    }
    expect(info).toMatchObject({ Title: t('status.title', { reference }), CreationDate: 'D:20261130090500Z' });
    expect(raw(pdfs[lang])).toContain(`/Lang (${localeInfo[lang].htmlLang})`);
  });

  it('is tagged, PDF/A, with Noto Sans embedded and no Standard 14 font', () => {
    const text = raw(pdfs.kk);
    expect(text).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(text).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(text).toMatch(/\/MarkInfo \d+ 0 R/);
    expect(text).toContain('/StructTreeRoot');
    for (const tag of ['/H1', '/H2', '/H3', '/P', '/L', '/LI', '/LBody']) expect(text).toContain(`/S ${tag}\n`);
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSans-Regular/);
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSans-Bold/);
    expect(text).not.toMatch(/Helvetica|Times-Roman|Courier|\/Subtype \/Type1/);
  });

  it('is the same file, byte for byte, for the same input', async () => {
    expect((await renderApplicationPdf(inputIn('kk'))).equals(pdfs.kk)).toBe(true);
  });

  it('says so when no document is attached', async () => {
    const input = inputIn('ru');
    const { text } = await read(
      await renderApplicationPdf({ ...input, application: { ...input.application, documents: [] } }),
    );
    expect(text).toContain(uiStrings.ru['documents.none']);
  });

  it('runs on to further pages, each with the reference and its number, losing no answer', async () => {
    const input = inputIn('kk');
    const long = 'Сыпатай батыр көшесі, 5, Тараз шаһары. '.repeat(6).trim();
    const sections = Array.from({ length: 12 }, (_, index) => ({
      title: `${String(index + 1)}. ${input.sections[1]?.title ?? ''}`,
      rows: Array.from({ length: 4 }, (__, row) => ({
        label: `Сұрақ ${String(index + 1)}.${String(row + 1)}`,
        value: long,
      })),
    }));
    // One answer longer than a page, as a household of many members could make.
    sections.push({ title: 'Үй-іші', rows: [{ label: 'Мүшелері', value: kazakhAnswers.household.repeat(120) }] });
    const { pages, text } = await read(await renderApplicationPdf({ ...input, sections }));
    expect(pages).toBeGreaterThan(2);
    for (const section of sections) expect(text).toContain(section.title);
    for (const row of sections.flatMap((section) => section.rows)) expect(text).toContain(row.label);
    expect(text).toContain(`1 / ${String(pages)}`);
    expect(text).toContain(`${String(pages)} / ${String(pages)}`);
    expect(text.split(reference).length - 1).toBeGreaterThanOrEqual(pages);
    expect(text).toContain(uiStrings.kk['documents.heading']);
  });

  it('is named by the reference and the language', () => {
    expect(applicationPdfFileName(reference, 'kk')).toBe('AQ-9BFH-0VCX-N-kk.pdf');
  });
});

describe('sentApplication', () => {
  const history = inputIn('en').application.history;

  it('gives the date it was sent and the stage it is at now', () => {
    expect(sentApplication({ status: 'documents-requested', history })).toEqual({
      sentAt,
      stage: 'Documents requested',
    });
  });

  it('gives nothing for an application never sent: a draft has no copy', async () => {
    expect(sentApplication({ status: undefined, history: [] })).toBeUndefined();
    expect(sentApplication({ status: 'submitted', history: [] })).toBeUndefined();
    await expect(
      renderApplicationPdf(inputIn('kk', { application: { status: undefined, history: [], documents: [] } })),
    ).rejects.toThrow();
  });
});

describe.each(testDatabases)('whose PDF the route gives, on $name', (backend) => {
  let db: Database;
  let drop: () => Promise<void>;
  let owner: string;
  let stranger: string;

  beforeEach(async () => {
    ({ db, drop } = await backend.open());
    await migrateAll(db);
    const people = await db.query<{ id: string }>(
      "insert into applicants (email, locale) values ('a@example.kz', 'kk'), ('b@example.kz', 'kk') returning id",
    );
    owner = people[0]?.id ?? '';
    stranger = people[1]?.id ?? '';
    const [application] = await db.query<{ id: string }>(
      `insert into applications (applicant_id, form, locale, answers, reference, status, submitted_at)
       values ($1, 'guardianship', 'kk', $2, $3, 'submitted', now()) returning id`,
      [owner, JSON.stringify(exampleAnswers), reference],
    );
    await db.query(
      "insert into application_events (application_id, status, actor_kind, actor_id) values ($1, 'submitted', 'applicant', $2)",
      [application?.id, owner],
    );
  });
  afterEach(async () => {
    await drop();
  });

  it('gives the applicant their own sent application, and another applicant nothing (404)', async () => {
    const own = await applicationPage(db, { applicantId: owner, reference, locale: 'kk' });
    if (!own) throw new Error('not found');
    expect(sentApplication(own)?.stage).toBe(statusLabel(translatorFor('kk'), 'submitted'));
    const { text } = await read(await renderApplicationPdf({ ...inputIn('kk'), application: own }));
    expect(text).toContain(reference);
    expect(await applicationPage(db, { applicantId: stranger, reference, locale: 'kk' })).toBeUndefined();
  });
});
