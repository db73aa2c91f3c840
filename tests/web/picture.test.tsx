// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/preact';
import { Picture, srcsetOf } from '@constellation/web';

afterEach(() => cleanup());

const uploaded = {
  url: 'https://hub.example/media/0123456789abcdef0123456789abcdef.jpg',
  alt: 'Le planétarium au crépuscule',
  width: 1600,
  height: 900,
  variants: [
    { url: 'https://hub.example/media/0123456789abcdef0123456789abcdef-320.webp', width: 320, height: 180 },
    { url: 'https://hub.example/media/0123456789abcdef0123456789abcdef-640.webp', width: 640, height: 360 },
    { url: 'javascript:alert(1)', width: 800, height: 450 },
  ],
};

describe('a contributed picture', () => {
  it('offers its http(s) copies as a srcset, with its size and alt text', () => {
    const { container } = render(<Picture image={uploaded} class="portal-image" sizes="100vw" />);
    const img = container.querySelector('img');
    expect(img?.getAttribute('src')).toBe(uploaded.url);
    expect(img?.getAttribute('srcset')).toBe('https://hub.example/media/0123456789abcdef0123456789abcdef-320.webp 320w, https://hub.example/media/0123456789abcdef0123456789abcdef-640.webp 640w');
    expect(img?.getAttribute('sizes')).toBe('100vw');
    expect([img?.getAttribute('width'), img?.getAttribute('height')]).toEqual(['1600', '900']);
    expect(img?.getAttribute('alt')).toBe('Le planétarium au crépuscule');
    expect(img?.getAttribute('referrerpolicy')).toBe('no-referrer');
  });

  it('an image from elsewhere (no copies, no size) is a plain img; a non-http URL shows nothing', () => {
    const { container } = render(<Picture image={{ url: 'https://musee.example/affiche.jpg', alt: 'Affiche' }} class="x" sizes="100vw" />);
    const img = container.querySelector('img');
    expect(img?.hasAttribute('srcset')).toBe(false);
    expect(img?.hasAttribute('width')).toBe(false);
    expect(srcsetOf({})).toBeUndefined();
    cleanup();
    expect(render(<Picture image={{ url: 'javascript:alert(1)' }} class="x" sizes="100vw" />).container.querySelector('img')).toBeNull();
  });
});
