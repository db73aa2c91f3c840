import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Uploaded images. The id is the SHA-256 of the uploaded bytes (its first 32 hex digits),
 * so uploading the same file twice finds the row and writes nothing. The files live in
 * `<dataDir>/media/`: the original (EXIF stripped, orientation applied) as `<id>.<ext>` and
 * one WebP per width in `widths` as `<id>-<width>.webp`. Content refers to an image by its
 * URL; an image no content refers to is removed by the orphan sweep after a grace period.
 */
export const media = sqliteTable(
  'media',
  {
    id: text('id').primaryKey(),
    /** The format of the kept original (its file extension): jpg, png or webp. */
    ext: text('ext', { enum: ['jpg', 'png', 'webp'] }).notNull(),
    /** What the bytes were, as the decoder saw them (jpeg, png, webp, heif, gif, tiff). */
    sourceFormat: text('source_format').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    /** The WebP widths made, ascending, comma-separated (e.g. "320,640,1280"); read whole. */
    widths: text('widths').notNull(),
    /** Bytes on disk over every file of this image. */
    bytes: integer('bytes').notNull(),
    uploadedBy: text('uploaded_by'),
    createdAt: text('created_at').notNull(),
  },
  (table) => [index('media_created_idx').on(table.createdAt)],
);
export type MediaRow = typeof media.$inferSelect;
export type NewMediaRow = typeof media.$inferInsert;
