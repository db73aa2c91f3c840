CREATE TABLE `event_sources` (
	`event_id` text PRIMARY KEY NOT NULL,
	`actor_id` text NOT NULL,
	`kind` text NOT NULL,
	`external_id` text NOT NULL,
	`source_url` text,
	`content_hash` text NOT NULL,
	`imported_version` integer NOT NULL,
	`imported_at` text NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `content`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `content`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `event_sources_actor_kind_external_uq` ON `event_sources` (`actor_id`,`kind`,`external_id`);