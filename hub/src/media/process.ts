import sharp, { type Metadata } from 'sharp';
import { HttpError } from '../errors.ts';
import { sniff, type ImageKind } from './sniff.ts';

/** Why an upload was refused; `field` is always `file`, the one thing a client sent. */
export class ImageRefused extends HttpError {
  constructor(status: 413 | 415 | 422, code: string, message: string) {
    super(status, code, message, 'file');
  }
}

export interface ImageLimits {
  /** Largest upload, in bytes. */
  maxBytes: number;
  /** Largest image, in pixels (width x height), checked before anything is decoded. */
  maxPixels: number;
}

/** The widths of the WebP copies; an image narrower than one gets a copy at its own width instead. */
export const VARIANT_WIDTHS = [320, 640, 1280, 1920] as const;

export type StoredExt = 'jpg' | 'png' | 'webp';

export interface ProcessedImage {
  sourceFormat: ImageKind;
  ext: StoredExt;
  /** After orientation is applied. */
  width: number;
  height: number;
  /** The original, re-encoded in its own format (HEIC and AVIF as JPEG): pixels kept, metadata gone. */
  original: Buffer;
  variants: { width: number; height: number; data: Buffer }[];
}

const MB = 1024 * 1024;
const megabytes = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;

/** Which widths to make for an image this wide: the standard ones below it, and its own (capped). */
export function variantWidths(width: number, widths: readonly number[] = VARIANT_WIDTHS): number[] {
  const top = Math.min(width, widths[widths.length - 1] ?? width);
  return [...new Set([...widths.filter((w) => w < top), top])];
}

/**
 * Checks and re-encodes one uploaded image, in memory: nothing touches the disk here, so a
 * refusal at any step leaves nothing behind. The kind comes from the bytes; the pixel count
 * is read from the header and checked before any decoding, so a small file that would
 * decode to gigabytes (a decompression bomb) costs nothing. Every output is re-encoded
 * from pixels with orientation applied and no metadata: EXIF (GPS included), XMP and IPTC
 * never reach a served file.
 */
export async function processImage(bytes: Buffer, limits: ImageLimits, options: { widths?: readonly number[] } = {}): Promise<ProcessedImage> {
  if (bytes.length > limits.maxBytes) throw new ImageRefused(413, 'image_too_large', `the image is ${megabytes(bytes.length)}; this hub accepts up to ${megabytes(limits.maxBytes)}`);
  const sniffed = sniff(bytes);
  if (!sniffed.ok) throw new ImageRefused(415, 'unsupported_image', `the file is ${sniffed.what}; send a JPEG, PNG, WebP, AVIF or HEIC image`);

  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new ImageRefused(422, 'corrupt_image', `the file starts like a ${sniffed.kind.toUpperCase()} image but cannot be read; it may be damaged or incomplete`);
  }
  const { width, height } = meta;
  if (width === undefined || height === undefined || width < 1 || height < 1) throw new ImageRefused(422, 'corrupt_image', 'the image does not say its size; it may be damaged');
  if (width * height > limits.maxPixels) {
    throw new ImageRefused(413, 'too_many_pixels', `the image is ${width} x ${height} pixels (${Math.round((width * height) / 1e6)} megapixels); this hub accepts up to ${Math.round(limits.maxPixels / 1e6)} megapixels`);
  }
  if (meta.format !== undefined && !['jpeg', 'png', 'webp', 'heif'].includes(meta.format)) {
    throw new ImageRefused(415, 'unsupported_image', `the file is a ${meta.format} image dressed as ${sniffed.kind}; send a JPEG, PNG, WebP, AVIF or HEIC image`);
  }

  // failOn 'error' refuses a truncated or damaged file instead of serving its grey remainder.
  // Decoded once (orientation applied) to raw pixels; every output is encoded from those.
  const ext: StoredExt = sniffed.kind === 'png' ? 'png' : sniffed.kind === 'webp' ? 'webp' : meta.hasAlpha === true && sniffed.kind === 'heif' ? 'png' : 'jpg';
  try {
    const decoded = await sharp(bytes, { limitInputPixels: limits.maxPixels, failOn: 'error' }).rotate().raw().toBuffer({ resolveWithObject: true });
    const { width: w0, height: h0, channels } = decoded.info;
    const pixels = () => sharp(decoded.data, { raw: { width: w0, height: h0, channels } });
    const encoded = ext === 'png' ? pixels().png({ compressionLevel: 8 }) : ext === 'webp' ? pixels().webp({ quality: 85 }) : pixels().jpeg({ quality: 85 });
    const original = await encoded.toBuffer();
    const variants = [];
    for (const w of variantWidths(w0, options.widths)) {
      const out = await pixels().resize({ width: w, withoutEnlargement: true }).webp({ quality: 78, effort: 2 }).toBuffer({ resolveWithObject: true });
      variants.push({ width: out.info.width, height: out.info.height, data: out.data });
    }
    return { sourceFormat: sniffed.kind, ext, width: w0, height: h0, original, variants };
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0] ?? '';
    if (/heif|hevc|codec|plugin|compression format/i.test(reason) && sniffed.kind === 'heif') {
      throw new ImageRefused(415, 'unsupported_image', 'this HEIC image uses a codec this hub cannot decode; export it as JPEG (most phones can)');
    }
    throw new ImageRefused(422, 'corrupt_image', `the ${sniffed.kind.toUpperCase()} image cannot be decoded (${reason.replace(/^[^:]*:\s*/, '').slice(0, 120) || 'damaged data'}); it may be damaged or incomplete`);
  }
}
