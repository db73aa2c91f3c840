/**
 * What a file is, from its first bytes: the kinds a hub accepts as images, and the
 * usual suspects it refuses by name, so a refusal says what the file really was
 * (whatever its name or Content-Type claimed).
 */
export type ImageKind = 'jpeg' | 'png' | 'webp' | 'heif';

export type Sniffed = { ok: true; kind: ImageKind } | { ok: false; what: string };

const ascii = (bytes: Uint8Array, start: number, end: number) => Buffer.from(bytes.subarray(start, end)).toString('latin1');

/** ISO-BMFF brands of AVIF and HEIC files (`ftyp` box at offset 4). */
const HEIF_BRANDS = new Set(['avif', 'avis', 'heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

export function sniff(bytes: Uint8Array): Sniffed {
  if (bytes.length < 12) return { ok: false, what: 'too short to be an image' };
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { ok: true, kind: 'jpeg' };
  if (ascii(bytes, 0, 8) === '\x89PNG\r\n\x1a\n') return { ok: true, kind: 'png' };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return { ok: true, kind: 'webp' };
  if (ascii(bytes, 4, 8) === 'ftyp' && HEIF_BRANDS.has(ascii(bytes, 8, 12))) return { ok: true, kind: 'heif' };
  return { ok: false, what: describe(bytes) };
}

function describe(bytes: Uint8Array): string {
  const head = ascii(bytes, 0, 8);
  if (head.startsWith('MZ')) return 'a Windows program';
  if (head.startsWith('\x7fELF')) return 'a Linux program';
  if (head.startsWith('#!')) return 'a script';
  if (head.startsWith('PK\x03\x04')) return 'a ZIP archive';
  if (head.startsWith('\x1f\x8b')) return 'a gzip archive';
  if (head.startsWith('%PDF')) return 'a PDF document';
  if (head.startsWith('GIF8')) return 'a GIF image (send it as PNG, JPEG or WebP)';
  if (head.startsWith('II*\0') || head.startsWith('MM\0*')) return 'a TIFF image (send it as PNG, JPEG or WebP)';
  const text = Buffer.from(bytes.subarray(0, 512)).toString('utf8').trimStart().toLowerCase();
  if (text.startsWith('<svg') || (text.startsWith('<?xml') && text.includes('<svg')) || text.includes('<svg')) return 'an SVG image (refused: SVG can carry scripts)';
  if (text.startsWith('<')) return 'an HTML or XML document';
  return 'not an image this hub reads';
}
