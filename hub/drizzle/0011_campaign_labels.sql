CREATE TABLE `campaign_labels` (
	`event_id` text PRIMARY KEY NOT NULL,
	`campaign` text NOT NULL,
	`state` text NOT NULL,
	`reason` text,
	`decided_by` text NOT NULL,
	`decided_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `known_campaigns` (
	`slug` text PRIMARY KEY NOT NULL,
	`data` text NOT NULL,
	`fetched_at` integer NOT NULL
);
