/**
 * Contributed Markdown, shown in the browser without ever going through innerHTML: marked
 * only tokenises, and each token becomes a Preact element from an allow-list (the same one
 * the hub's sanitiser keeps). Raw HTML in the source shows as its text; links and images
 * keep only http(s) (links also mailto) URLs; the page's title stays the only h1.
 */
import { Lexer, type Token, type Tokens } from 'marked';
import type { ComponentChildren } from 'preact';

const SAFE_LINK = /^(https?:|mailto:)/i;
const SAFE_IMAGE = /^https?:\/\//i;

function inline(tokens: readonly Token[] | undefined): ComponentChildren[] {
  return (tokens ?? []).map((token, index) => inlineToken(token, index));
}

function inlineToken(token: Token, key: number): ComponentChildren {
  switch (token.type) {
    case 'strong':
      return <strong key={key}>{inline((token as Tokens.Strong).tokens)}</strong>;
    case 'em':
      return <em key={key}>{inline((token as Tokens.Em).tokens)}</em>;
    case 'del':
      return <del key={key}>{inline((token as Tokens.Del).tokens)}</del>;
    case 'codespan':
      return <code key={key}>{(token as Tokens.Codespan).text}</code>;
    case 'br':
      return <br key={key} />;
    case 'link': {
      const link = token as Tokens.Link;
      const children = inline(link.tokens);
      return SAFE_LINK.test(link.href) ? (
        <a key={key} href={link.href} rel="nofollow ugc noopener">
          {children}
        </a>
      ) : (
        <span key={key}>{children}</span>
      );
    }
    case 'image': {
      const image = token as Tokens.Image;
      return SAFE_IMAGE.test(image.href) ? <img key={key} src={image.href} alt={image.text} loading="lazy" /> : <span key={key}>{image.text}</span>;
    }
    case 'text': {
      const text = token as Tokens.Text;
      return text.tokens !== undefined && text.tokens.length > 0 ? <span key={key}>{inline(text.tokens)}</span> : decode(text.text);
    }
    case 'escape':
      return (token as Tokens.Escape).text;
    default:
      // html and anything unknown: the source text, shown as text.
      return token.raw;
  }
}

/** marked escapes &, <, > and quotes in text tokens for HTML output; show the characters. */
function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_whole, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name] ?? _whole);
}

function block(token: Token, key: number): ComponentChildren {
  switch (token.type) {
    case 'heading': {
      const heading = token as Tokens.Heading;
      const children = inline(heading.tokens);
      // The page's title is the only h1: Markdown headings start at h2.
      if (heading.depth <= 2) return <h2 key={key}>{children}</h2>;
      if (heading.depth === 3) return <h3 key={key}>{children}</h3>;
      if (heading.depth === 4) return <h4 key={key}>{children}</h4>;
      return <h5 key={key}>{children}</h5>;
    }
    case 'paragraph':
      return <p key={key}>{inline((token as Tokens.Paragraph).tokens)}</p>;
    case 'blockquote':
      return <blockquote key={key}>{(token as Tokens.Blockquote).tokens.map(block)}</blockquote>;
    case 'list': {
      const list = token as Tokens.List;
      const items = list.items.map((item, index) => <li key={index}>{item.tokens.map((child, at) => (child.type === 'text' ? inlineToken(child, at) : block(child, at)))}</li>);
      return list.ordered ? (
        <ol key={key} start={typeof list.start === 'number' ? list.start : undefined}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case 'code':
      return (
        <pre key={key}>
          <code>{(token as Tokens.Code).text}</code>
        </pre>
      );
    case 'hr':
      return <hr key={key} />;
    case 'table': {
      const table = token as Tokens.Table;
      return (
        <table key={key}>
          <thead>
            <tr>
              {table.header.map((cell, index) => (
                <th key={index}>{inline(cell.tokens)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, index) => (
              <tr key={index}>
                {row.map((cell, at) => (
                  <td key={at}>{inline(cell.tokens)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    }
    case 'space':
      return null;
    case 'text': {
      const text = token as Tokens.Text;
      return <p key={key}>{text.tokens === undefined ? decode(text.text) : inline(text.tokens)}</p>;
    }
    default:
      // html blocks and anything unknown: their source, as text.
      return <p key={key}>{token.raw}</p>;
  }
}

export function Markdown({ source, class: className }: { source: string; class?: string }) {
  const tokens = new Lexer({ gfm: true, breaks: false }).lex(source);
  return <div class={className ?? 'markdown'}>{tokens.map(block)}</div>;
}
