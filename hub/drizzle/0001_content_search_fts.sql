-- Accent-insensitive full-text search over published content: "evenement" finds
-- "événement". The index follows the content table through triggers, so no code
-- path can forget it; only published content is indexed.
CREATE VIRTUAL TABLE `content_fts` USING fts5(
  `title`, `summary`, `body`,
  tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `content_fts_insert` AFTER INSERT ON `content` WHEN new.`status` = 'published' BEGIN
  INSERT INTO `content_fts` (`rowid`, `title`, `summary`, `body`)
  VALUES (new.`row_id`, new.`title`, coalesce(json_extract(new.`data`, '$.summary'), ''),
          coalesce(json_extract(new.`data`, '$.description'), json_extract(new.`data`, '$.body'), ''));
END;
--> statement-breakpoint
CREATE TRIGGER `content_fts_update` AFTER UPDATE ON `content` BEGIN
  DELETE FROM `content_fts` WHERE `rowid` = old.`row_id`;
  INSERT INTO `content_fts` (`rowid`, `title`, `summary`, `body`)
  SELECT new.`row_id`, new.`title`, coalesce(json_extract(new.`data`, '$.summary'), ''),
         coalesce(json_extract(new.`data`, '$.description'), json_extract(new.`data`, '$.body'), '')
  WHERE new.`status` = 'published';
END;
--> statement-breakpoint
CREATE TRIGGER `content_fts_delete` AFTER DELETE ON `content` BEGIN
  DELETE FROM `content_fts` WHERE `rowid` = old.`row_id`;
END;
--> statement-breakpoint
INSERT INTO `hub_state` (`key`, `value`) VALUES ('seq', 0);
