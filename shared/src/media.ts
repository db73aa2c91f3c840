import Type, { type Static } from 'typebox';
import { HttpUrl } from './schema/primitives.ts';
import { ImageVariant } from './schema/common.ts';

/** The image formats a hub takes as uploads (decided from the bytes, never the name). */
export const UPLOAD_FORMATS = ['JPEG', 'PNG', 'WebP', 'AVIF', 'HEIC'] as const;

/**
 * What `POST /api/v1/media` answers: the uploaded image as content refers to it. Put `url`
 * (with your alt text and credit) in a content's `image`; the hub fills in the rest.
 */
export const UploadedImage = Type.Object(
  {
    id: Type.String({ pattern: '^[0-9a-f]{32}$', description: 'the first 32 hex digits of the SHA-256 of the uploaded bytes' }),
    url: HttpUrl,
    width: Type.Integer({ minimum: 1 }),
    height: Type.Integer({ minimum: 1 }),
    variants: Type.Array(ImageVariant),
    bytes: Type.Integer({ minimum: 0, description: 'bytes on disk over the original and its copies' }),
    existing: Type.Boolean({ description: 'true when the same bytes were uploaded before: nothing new was stored' }),
  },
  { additionalProperties: false },
);
export type UploadedImage = Static<typeof UploadedImage>;
