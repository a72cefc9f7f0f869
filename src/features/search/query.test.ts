import { describe, expect, it } from 'vitest';
import { maxQueryLength, searchQueryOf } from './query.ts';

const of = (search: string) => searchQueryOf(new URLSearchParams(search));

describe('the search query of the address', () => {
  it('is the q parameter, decoded and trimmed', () => {
    expect(of('q=%D0%BE%D0%BF%D0%B5%D0%BA%D0%B0')).toBe('опека');
    expect(of('q=++asyrap+alu++')).toBe('asyrap alu');
    expect(of('q=a&q=b')).toBe('a');
  });

  it('is empty when there is none', () => {
    expect(of('')).toBe('');
    expect(of('query=x')).toBe('');
    expect(of('q=')).toBe('');
  });

  it('keeps a query up to the limit, counted after trimming, and refuses a longer one', () => {
    const longest = 'а'.repeat(maxQueryLength);
    expect(of(`q=${encodeURIComponent(` ${longest} `)}`)).toBe(longest);
    expect(of(`q=${'a'.repeat(maxQueryLength + 1)}`)).toBe('');
  });

  it('refuses control characters', () => {
    expect(of('q=a%00b')).toBe('');
    expect(of('q=a%0Ab')).toBe('');
  });

  it('leaves markup as text: the page escapes it where it is shown', () => {
    expect(of('q=%22%3E%3Cscript%3E')).toBe('"><script>');
  });
});
