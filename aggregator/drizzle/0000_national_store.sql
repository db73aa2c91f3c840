CREATE TABLE `hubs` (
	`id` text PRIMARY KEY NOT NULL,
	`base_url` text NOT NULL,
	`name` text NOT NULL,
	`region` text NOT NULL,
	`status` text NOT NULL,
	`descriptor` text NOT NULL,
	`cursor` text DEFAULT '0' NOT NULL,
	`etag` text,
	`latest` integer DEFAULT 0 NOT NULL,
	`added_at` integer NOT NULL,
	`approved_at` integer,
	`suspended_at` integer,
	`last_pull_at` integer,
	`last_success_at` integer,
	`caught_up_at` integer,
	`last_error` text,
	`last_error_at` integer,
	`consecutive_failures` integer DEFAULT 0 NOT NULL,
	`breaker_until` integer,
	`applied_count` integer DEFAULT 0 NOT NULL,
	`rejected_count` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `hubs_base_url_unique` ON `hubs` (`base_url`);--> statement-breakpoint
CREATE TABLE `rejected_items` (
	`row_id` integer PRIMARY KEY NOT NULL,
	`hub` text NOT NULL,
	`seq` integer,
	`item_id` text,
	`field` text NOT NULL,
	`message` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `event_occurrences` (
	`id` integer PRIMARY KEY NOT NULL,
	`event_row` integer NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `event_occurrences_event_idx` ON `event_occurrences` (`event_row`);--> statement-breakpoint
CREATE INDEX `event_occurrences_start_idx` ON `event_occurrences` (`start`);--> statement-breakpoint
CREATE TABLE `events_index` (
	`row_id` integer PRIMARY KEY NOT NULL,
	`hub` text NOT NULL,
	`region` text NOT NULL,
	`actor_id` text NOT NULL,
	`format` text NOT NULL,
	`audiences` integer DEFAULT 0 NOT NULL,
	`disciplines` integer DEFAULT 0 NOT NULL,
	`accessibility` integer DEFAULT 0 NOT NULL,
	`free` integer DEFAULT false NOT NULL,
	`online` integer DEFAULT false NOT NULL,
	`lat` real,
	`lon` real,
	`first_start` integer NOT NULL,
	`last_end` integer NOT NULL,
	`title_key` text NOT NULL,
	`duplicate_of` integer
);
--> statement-breakpoint
CREATE INDEX `events_index_time_idx` ON `events_index` (`last_end`,`first_start`);--> statement-breakpoint
CREATE INDEX `events_index_duplicate_idx` ON `events_index` (`duplicate_of`);--> statement-breakpoint
CREATE INDEX `events_index_hub_idx` ON `events_index` (`hub`);--> statement-breakpoint
CREATE TABLE `national_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `records` (
	`row_id` integer PRIMARY KEY NOT NULL,
	`hub` text NOT NULL,
	`id` text NOT NULL,
	`type` text NOT NULL,
	`version` integer NOT NULL,
	`updated_at` text NOT NULL,
	`synced_at` integer NOT NULL,
	`hub_seq` integer NOT NULL,
	`nseq` integer NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`data` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `records_hub_id_uq` ON `records` (`hub`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `records_nseq_uq` ON `records` (`nseq`);--> statement-breakpoint
CREATE INDEX `records_type_idx` ON `records` (`type`,`hub`);--> statement-breakpoint
CREATE TABLE `admins` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `admins_email_unique` ON `admins` (`email`);