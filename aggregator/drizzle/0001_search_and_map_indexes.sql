-- Accent-insensitive full-text search over live events ("evenement" finds "événement").
-- Its rowid is the record's row id; ingest keeps it in step in the same transaction.
CREATE VIRTUAL TABLE `events_fts` USING fts5(
  `title`, `summary`, `body`, `place`,
  tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
-- A box per occurrence: its time span in minutes and the event's point (a point off the
-- map, at 1000, for an event without coordinates), so "events in this window and this
-- view" is one R*Tree search. R*Tree stores 32-bit floats and rounds outward: a pre-filter
-- that the exact conditions confirm.
CREATE VIRTUAL TABLE `occurrence_boxes` USING rtree(`id`, `t0`, `t1`, `y0`, `y1`, `x0`, `x1`);
--> statement-breakpoint
INSERT INTO `national_state` (`key`, `value`) VALUES ('nseq', 0);
