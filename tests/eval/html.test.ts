import { describe, expect, it } from 'vitest';
import { cleanText, dirFor, escapeHtml, langAttr } from '../../src/eval/html.js';

describe('html helpers', () => {
  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('replaces controls and lone surrogates one code point for one', () => {
    const dirty = 'a\u0000b\u0007\u009f\ud800c\udc00\t\n😀';
    const clean = cleanText(dirty);
    expect(clean).toBe('a\ufffdb\ufffd\ufffd\ufffdc\ufffd\t\n😀');
    expect(Array.from(clean)).toHaveLength(Array.from(dirty).length);
  });

  it('writes Arabic right to left and leaves others to the browser', () => {
    expect(dirFor('ar')).toBe('rtl');
    expect(dirFor('ur')).toBe('rtl');
    expect(dirFor('en')).toBe('auto');
    expect(dirFor('mixed')).toBe('auto');
  });

  it('sets lang only for language codes', () => {
    expect(langAttr('ar')).toBe(' lang="ar"');
    expect(langAttr('und')).toBe('');
    expect(langAttr('mixed')).toBe('');
    expect(langAttr('"><x')).toBe('');
  });
});
