/**
 * Escaping shared by the HTML, XML and JSON-in-HTML outputs. Every piece of contributed
 * text goes through one of these on its way out; nothing is trusted for being validated.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/**
 * Text for XML 1.0 (RSS, Atom) element content and double-quoted attributes: &, <, > and "
 * escaped (an apostrophe needs no escaping in either place), and
 * without the characters XML cannot carry at all (C0 controls but tab and line breaks,
 * U+FFFE/U+FFFF, lone surrogates), which would make the whole feed unreadable.
 */
export function escapeXml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/[&<>"]/g, (char) => HTML_ESCAPES[char] ?? char);
}

/**
 * An http(s) URL in its normalised form, or undefined. The contract checks URLs by
 * parsing them, and the URL parser silently drops tabs and line breaks, so a stored URL
 * may still hold CR/LF: re-serialising it is what makes it safe in a header-like line
 * (iCal) or an attribute.
 */
export function safeUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * JSON to embed in a <script type="application/ld+json"> element. `<` is written as
 * \u003c, so "</script>" in a title cannot close the element, and `>`, `&` and the two
 * JavaScript line terminators likewise; the JSON value is unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
