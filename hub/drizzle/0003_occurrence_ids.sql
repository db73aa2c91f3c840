PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_event_occurrences` (
	`id` integer PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL
);
--> statement-breakpoint
-- The old table had only its implicit rowid: keep it as the new explicit key.
INSERT INTO `__new_event_occurrences`("id", "event_id", "start", "end") SELECT "rowid", "event_id", "start", "end" FROM `event_occurrences`;--> statement-breakpoint
DROP TABLE `event_occurrences`;--> statement-breakpoint
ALTER TABLE `__new_event_occurrences` RENAME TO `event_occurrences`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `event_occurrences_start_idx` ON `event_occurrences` (`start`,`event_id`);--> statement-breakpoint
CREATE INDEX `event_occurrences_event_idx` ON `event_occurrences` (`event_id`,`start`);