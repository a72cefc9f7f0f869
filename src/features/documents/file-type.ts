/**
 * What a file really is, from its first bytes: the portal accepts PDF, JPEG and PNG only, and
 * believes neither the file's name nor the browser's Content-Type. Pure.
 */
export type DocumentType = 'application/pdf' | 'image/jpeg' | 'image/png';

const signatures: { type: DocumentType; bytes: number[] }[] = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

export function sniffDocumentType(head: Uint8Array): DocumentType | undefined {
  return signatures.find(({ bytes }) => bytes.every((byte, index) => head[index] === byte))?.type;
}

export const documentLimits = {
  /** At most 10 MB a file… */
  fileBytes: 10 * 1024 * 1024,
  /** …and 50 MB an application… */
  applicationBytes: 50 * 1024 * 1024,
  /**
   * …and 100 MB for all of one applicant's applications together: two applications' worth (one
   * in progress and one more, or one closed and a new one), which a family needs, while one
   * account can no longer fill the disk by sending application after application.
   */
  applicantBytes: 100 * 1024 * 1024,
  /**
   * Uploads one applicant may make in an hour, to all their applications, documents removed since
   * included: the list of documents has eight kinds, and 30 leaves room to replace each a few
   * times (a blurred photo, a missing page) while a script cannot churn the disk.
   */
  uploadsPerHour: 30,
} as const;

/** The documents the authority needs, in the order the applicant is asked for them. */
export const documentKinds = [
  'identity',
  'marriage',
  'relatives-consent',
  'income',
  'medical',
  'no-criminal-record',
  'housing',
  'school-certificate',
  'other',
] as const;
export type DocumentKind = (typeof documentKinds)[number];

export function isDocumentKind(value: unknown): value is DocumentKind {
  return typeof value === 'string' && (documentKinds as readonly string[]).includes(value);
}
