/**
 * What an uploaded file says about a certificate: a PDF carries its signed credential as an
 * attachment (see pdf.ts), or the file is the credential itself, a VC-JWT as text. Only reads;
 * whether the credential is genuine is `verifyCredential`'s to say.
 *
 * A small reader rather than a PDF library: it needs to find one kind of object (an embedded file
 * stream), it must answer synchronously on any upload without running a full PDF parser over
 * untrusted bytes, and its work is bounded below by fixed limits. It looks for embedded file
 * streams directly, not through the cross-reference table, so it also finds the credential in a
 * PDF that another program saved again (incremental updates, object streams for the dictionaries:
 * a stream itself is never inside an object stream). It does not read encrypted PDFs: a
 * certificate is never encrypted.
 */
import { inflateSync } from 'node:zlib';

export type CertificateFile =
  /** A PDF; `jwt` is its attached credential, or undefined when it has none that can be read. */
  | { kind: 'pdf'; jwt: string | undefined }
  /** A text file holding a compact JWS (the credential on its own). */
  | { kind: 'jwt'; jwt: string }
  | { kind: 'unknown' };

const limits = {
  /** Larger than any upload the portal accepts (10 MB); beyond it the file is not looked into. */
  fileBytes: 16 * 1024 * 1024,
  /** A credential is about 3 KB; this leaves room and refuses zip bombs. */
  jwtBytes: 32 * 1024,
  /** Embedded file streams looked at, compressed size of each, and length of their dictionaries. */
  embeddedFiles: 16,
  streamBytes: 256 * 1024,
  dictionaryChars: 4096,
} as const;

const compactJws = /^[\w-]+\.[\w-]+\.[\w-]+$/;

/** A compact JWS whose header is a JSON object with an `alg`: enough to call it a JWT. */
function asJwt(text: string): string | undefined {
  const token = text.replace(/^\uFEFF/, '').trim();
  if (token.length > limits.jwtBytes || !compactJws.test(token)) return undefined;
  try {
    const header: unknown = JSON.parse(Buffer.from(token.slice(0, token.indexOf('.')), 'base64url').toString('utf8'));
    return typeof header === 'object' && header !== null && 'alg' in header ? token : undefined;
  } catch {
    return undefined;
  }
}

function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * The end of the dictionary that opens at `start` (just after its `<<`): nested dictionaries,
 * literal strings (which may hold unbalanced brackets, escaped) and hex strings are skipped.
 */
function dictionaryEnd(text: string, start: number): number | undefined {
  let depth = 1;
  const stop = Math.min(text.length, start + limits.dictionaryChars);
  for (let i = start; i < stop; i += 1) {
    const c = text[i];
    if (c === '(') {
      let nesting = 1;
      for (i += 1; i < stop && nesting > 0; i += 1) {
        if (text[i] === '\\') i += 1;
        else if (text[i] === '(') nesting += 1;
        else if (text[i] === ')') nesting -= 1;
      }
      i -= 1;
    } else if (c === '<' && text[i + 1] === '<') {
      depth += 1;
      i += 1;
    } else if (c === '>' && text[i + 1] === '>') {
      depth -= 1;
      i += 1;
      if (depth === 0) return i + 1;
    } else if (c === '<') {
      const close = find(text, '>', i, stop);
      if (close === -1) return undefined;
      i = close;
    }
  }
  return undefined;
}

/**
 * Where `needle` is in `text` between `from` and `to`, or -1: every search is kept to a window, so
 * that no marker in a large file costs a scan of the whole file.
 */
function find(text: string, needle: string, from: number, to: number): number {
  const at = text.slice(Math.max(0, from), Math.max(0, to)).indexOf(needle);
  return at === -1 ? -1 : Math.max(0, from) + at;
}

/** The bytes of the embedded file stream whose dictionary holds the match at `at`, decoded. */
function embeddedFile(bytes: Uint8Array, text: string, at: number): Uint8Array | undefined {
  const window = text.slice(Math.max(0, at - limits.dictionaryChars), at);
  const before = window.lastIndexOf('obj');
  if (before === -1) return undefined;
  const object = at - window.length + before;
  const open = find(text, '<<', object, at);
  if (open === -1) return undefined;
  const close = dictionaryEnd(text, open + 2);
  if (close === undefined || close <= at) return undefined;
  const dictionary = text.slice(open, close);
  const keyword = /^\s*stream(\r\n|\n)/.exec(text.slice(close, close + 16));
  if (!keyword) return undefined;
  const start = close + keyword[0].length;

  // The direct /Length when it is right; else up to `endstream` (an indirect or a wrong length).
  let end: number | undefined;
  const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dictionary);
  if (length?.[1] !== undefined) {
    const candidate = start + Number(length[1]);
    if (/^\s*endstream/.test(text.slice(candidate, candidate + 16))) end = candidate;
  }
  if (end === undefined) {
    const endstream = find(text, 'endstream', start, start + limits.streamBytes + 2);
    if (endstream === -1) return undefined;
    end = endstream;
    if (text[end - 1] === '\n') end -= 1;
    if (text[end - 1] === '\r') end -= 1;
  }
  if (end - start > limits.streamBytes) return undefined;
  const data = bytes.subarray(start, end);

  // A credential is attached either as is or deflated (pdfkit's default); no other filter, and no
  // predictor, is used for one.
  if (/\/DecodeParms/.test(dictionary)) return undefined;
  const filters = [...dictionary.matchAll(/\/(\w+Decode)\b/g)].map((match) => match[1]);
  if (filters.length === 0) return data;
  if (filters.length > 1 || filters[0] !== 'FlateDecode') return undefined;
  try {
    return inflateSync(data, { maxOutputLength: limits.jwtBytes });
  } catch {
    // Damaged (its checksum fails), cut short, or larger than any credential.
    return undefined;
  }
}

/** The first attached file of the PDF that is a JWT: the certificate's credential. */
function attachedJwt(bytes: Uint8Array): string | undefined {
  // Latin-1 maps each byte to one character, so positions in the text are positions in the bytes.
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const marker = /\/Type\s*\/EmbeddedFile(?![\w#.-])/g;
  for (let seen = 0; seen < limits.embeddedFiles; seen += 1) {
    const match = marker.exec(text);
    if (!match) return undefined;
    const content = embeddedFile(bytes, text, match.index);
    const jwt = content && asJwt(utf8(content) ?? '');
    if (jwt) return jwt;
  }
  return undefined;
}

/**
 * Reads an uploaded file: a PDF (its attached credential), a credential as text, or neither.
 * Never throws; its work is bounded whatever the bytes.
 */
export function readCertificateFile(bytes: Uint8Array): CertificateFile {
  // The PDF header may follow some junk, within the first kilobyte (as readers allow).
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString('latin1');
  if (head.includes('%PDF-')) {
    if (bytes.byteLength > limits.fileBytes) return { kind: 'pdf', jwt: undefined };
    try {
      return { kind: 'pdf', jwt: attachedJwt(bytes) };
    } catch {
      return { kind: 'pdf', jwt: undefined };
    }
  }
  if (bytes.byteLength > limits.jwtBytes) return { kind: 'unknown' };
  const jwt = asJwt(utf8(bytes) ?? '');
  return jwt ? { kind: 'jwt', jwt } : { kind: 'unknown' };
}
