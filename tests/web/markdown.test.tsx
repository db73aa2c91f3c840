// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/preact';
import { Markdown } from '@constellation/web';

afterEach(cleanup);

describe('Markdown', () => {
  it('renders the allowed structure as elements', () => {
    const { container } = render(<Markdown source={'# Titre\n\nUn **gras**, un *italique* et [un lien](https://example.org/a?b=1&c=2).\n\n- un\n- deux\n\n1. premier\n\n`code` & <3'} />);
    expect(container.querySelector('h1')).toBeNull();
    expect(container.querySelector('h2')?.textContent).toBe('Titre');
    expect(container.querySelector('strong')?.textContent).toBe('gras');
    expect(container.querySelector('em')?.textContent).toBe('italique');
    const link = container.querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://example.org/a?b=1&c=2');
    expect(link?.getAttribute('rel')).toBe('nofollow ugc noopener');
    expect(container.querySelectorAll('ul li')).toHaveLength(2);
    expect(container.querySelectorAll('ol li')).toHaveLength(1);
    expect(container.textContent).toContain('& <3');
  });

  it('shows raw HTML and unsafe URLs as text, never as elements', () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>\n\n[clic](javascript:window.__pwned=3) ![i](javascript:alert(1)) <b onclick=x>gras</b>\n\n<iframe src="https://evil.example"></iframe>';
    const { container } = render(<Markdown source={hostile} />);
    for (const tag of ['img', 'script', 'iframe', 'b', 'a']) expect(container.querySelector(tag), tag).toBeNull();
    expect([...container.querySelectorAll('*')].some((element) => [...element.attributes].some((attribute) => attribute.name.startsWith('on')))).toBe(false);
    expect(container.textContent).toContain('<img src=x onerror="window.__pwned=1">');
    expect(container.textContent).toContain('<iframe src="https://evil.example"></iframe>');
    expect(container.textContent).toContain('clic');
  });

  it('keeps http(s) images with their alt text', () => {
    const { container } = render(<Markdown source={'![Un télescope](https://example.org/t.jpg)'} />);
    const image = container.querySelector('img');
    expect(image?.getAttribute('src')).toBe('https://example.org/t.jpg');
    expect(image?.getAttribute('alt')).toBe('Un télescope');
  });
});
