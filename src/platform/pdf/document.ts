/**
 * What every PDF the portal makes shares (the school's certificate, the copy of an application):
 * the embedded Noto Sans that has every Kazakh letter, metadata text safe for PDF/A's XMP, and the
 * document's bytes once pdfkit has written them.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Noto Sans, regular and bold: the fonts are files of a dependency, embedded in each document. */
export const pdfFonts = {
  regular: require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'),
};

/**
 * pdfkit writes the Title, Author and Subject into the XMP metadata without escaping them: a `<`
 * or `&` would break the XML that PDF/A requires to match the document's info. Their full-width
 * forms read the same and keep both in step.
 */
export function metadataText(value: string): string {
  return value.replace(/&/g, '＆').replace(/</g, '＜').replace(/>/g, '＞');
}

/** Registers the fonts as `regular` and `bold`, and resolves to the document's bytes when it ends. */
export function collectPdf(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    doc.on('error', reject);
  });
  doc.registerFont('regular', pdfFonts.regular);
  doc.registerFont('bold', pdfFonts.bold);
  return finished;
}
