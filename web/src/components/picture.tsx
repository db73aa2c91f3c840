import type { Image } from '@constellation/shared';

function httpUrl(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** The `srcset` of an image's copies (only http(s) ones), or undefined when it has none. */
export function srcsetOf(image: Pick<Image, 'variants'>): string | undefined {
  const candidates = (image.variants ?? []).flatMap((variant) => {
    const url = httpUrl(variant.url);
    return url === undefined ? [] : [`${url} ${variant.width}w`];
  });
  return candidates.length === 0 ? undefined : candidates.join(', ');
}

/**
 * A contributed picture: its copies as a `srcset` (the browser picks the width it needs,
 * `sizes` says how wide it shows), its size so the page does not jump when it loads, and
 * no referrer sent to the server it comes from. Renders nothing for a non-http(s) URL.
 */
export function Picture({ image, class: className, sizes }: { image: Image; class: string; sizes: string }) {
  const src = httpUrl(image.url);
  if (src === undefined) return null;
  const srcset = srcsetOf(image);
  return (
    <img
      class={className}
      src={src}
      {...(srcset === undefined ? {} : { srcset, sizes })}
      {...(image.width === undefined || image.height === undefined ? {} : { width: image.width, height: image.height })}
      alt={image.alt ?? ''}
      loading="lazy"
      decoding="async"
      referrerpolicy="no-referrer"
    />
  );
}
