/** HTML text safety for the report: every string from data passes through here before it is written. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and for quoted attribute values alike. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/**
 * Replaces, one code point for one, what HTML cannot carry or would misread: NUL and other control
 * characters (but tab and line breaks), and lone surrogates. Code-point offsets into the text stay valid.
 */
export function cleanText(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** Writing direction for a post: right-to-left for languages written so, else let the browser decide per post. */
export function dirFor(lang: string): 'rtl' | 'auto' {
  return ['ar', 'fa', 'ur', 'ps', 'he', 'yi', 'ckb', 'sd', 'ug'].includes(lang) ? 'rtl' : 'auto';
}

/** A `lang` attribute only for plausible language codes ('und', 'mixed' and junk get none). */
export function langAttr(lang: string): string {
  return /^[a-z]{2,3}$/.test(lang) && lang !== 'und' ? ` lang="${lang}"` : '';
}
