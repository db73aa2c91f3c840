/**
 * Markdown written by contributors, made safe for every place it is shown: sanitised HTML
 * for event pages and feed content, plain text for iCal DESCRIPTION and meta tags.
 *
 * marked turns Markdown (and any raw HTML inside it) into HTML without judging it;
 * sanitize-html then keeps only a strict allow-list. Nothing executable survives: no
 * script, style or iframe, no on* handler, no style attribute, and links and images only
 * with http(s) (links also mailto) URLs, so no javascript: or data: URL either.
 */
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const markdown = new Marked({ gfm: true, breaks: false, async: false });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'b', 'i', 'del', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  allowedAttributes: { a: ['href', 'title', 'rel'], img: ['src', 'alt', 'title'], ol: ['start'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  // Dropped tags keep their text, except those whose content is code or chrome (script, style...).
  disallowedTagsMode: 'discard',
  transformTags: {
    // The page's own title is the only h1.
    h1: 'h2',
    // Links in contributed text are not endorsements, and never get a handle on the opener.
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow ugc noopener' }),
  },
  // A relative image would resolve against whichever site shows the feed.
  exclusiveFilter: (frame) => frame.tag === 'img' && !/^https?:\/\//i.test(frame.attribs.src ?? ''),
};

/**
 * Results by source text, least recently used first out. Rendering costs about a
 * millisecond per 2 KB of Markdown, and an export renders every event it holds (up to a
 * thousand) while most descriptions do not change between two requests.
 */
class RenderCache {
  private readonly entries = new Map<string, string>();
  private size = 0;

  constructor(private readonly maxChars: number) {}

  get(source: string, render: (source: string) => string): string {
    const hit = this.entries.get(source);
    if (hit !== undefined) {
      this.entries.delete(source);
      this.entries.set(source, hit);
      return hit;
    }
    const value = render(source);
    this.entries.set(source, value);
    this.size += source.length + value.length;
    for (const [key, old] of this.entries) {
      if (this.size <= this.maxChars) break;
      this.entries.delete(key);
      this.size -= key.length + old.length;
    }
    return value;
  }
}

// About 16 MB of UTF-16 each: thousands of typical descriptions.
const htmlCache = new RenderCache(8_000_000);
const textCache = new RenderCache(8_000_000);

/** Markdown to HTML safe to insert in a page or a feed. */
export function markdownToHtml(source: string): string {
  return htmlCache.get(source, (text) => sanitizeHtml(markdown.parse(text, { async: false }), SANITIZE).trim());
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * Markdown to readable plain text: paragraphs and list items on their own lines, links
 * as "text (url)". Works on the sanitised HTML, whose tags are the known few above.
 */
export function markdownToText(source: string): string {
  return textCache.get(source, htmlToText);
}

function htmlToText(source: string): string {
  const html = markdownToHtml(source)
    // Text never holds a raw ">" (it is escaped), so ">\n<" is only markup layout.
    .replace(/>\n</g, '><')
    .replace(/<a [^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g, (_whole, href: string, text: string) => {
      // An autolinked URL or address says itself once.
      const target = decodeEntities(href);
      const label = decodeEntities(text);
      return target === label || target === `mailto:${label}` ? text : `${text} (${href})`;
    })
    .replace(/<img [^>]*>/g, (tag) => /alt="([^"]*)"/.exec(tag)?.[1] ?? '')
    .replace(/<li>/g, '- ')
    .replace(/<\/(?:p|h[2-6]|blockquote|pre|ul|ol|table)>|<hr \/>/g, '\n\n')
    .replace(/<br \/>|<\/(?:li|tr)>/g, '\n')
    .replace(/<\/t[hd]>/g, '\t')
    .replace(/<[^>]+>/g, '');
  return decodeEntities(html)
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The first `max` characters of a text, cut at a word, for meta descriptions. */
export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
