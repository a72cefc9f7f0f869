import { describe, expect, it } from 'vitest';
import { sniffDocumentType } from './file-type.ts';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('recognising a document by its content', () => {
  it('knows PDF, JPEG and PNG', () => {
    expect(sniffDocumentType(new TextEncoder().encode('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffDocumentType(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).toBe('image/jpeg');
    expect(sniffDocumentType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe('image/png');
  });

  it('refuses anything else, whatever it is called', () => {
    expect(sniffDocumentType(new TextEncoder().encode('<html><script>alert(1)</script>'))).toBeUndefined();
    expect(sniffDocumentType(bytes(0x4d, 0x5a, 0x90, 0))).toBeUndefined(); // a Windows program
    expect(sniffDocumentType(bytes(0x50, 0x4b, 0x03, 0x04))).toBeUndefined(); // a ZIP or Word file
    expect(sniffDocumentType(new TextEncoder().encode(' %PDF-1.7'))).toBeUndefined();
    expect(sniffDocumentType(new Uint8Array())).toBeUndefined();
  });
});
