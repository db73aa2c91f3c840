CREATE TABLE `actor_members` (
	`user_id` text NOT NULL,
	`actor_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`user_id`, `actor_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `actor_members_actor_idx` ON `actor_members` (`actor_id`);--> statement-breakpoint
CREATE TABLE `member_profiles` (
	`user_id` text PRIMARY KEY NOT NULL,
	`data` text NOT NULL,
	`listed` integer DEFAULT true NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `refresh_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`family_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` text NOT NULL,
	`used_at` text,
	`revoked_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `refresh_tokens_token_hash_unique` ON `refresh_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `refresh_tokens_user_idx` ON `refresh_tokens` (`user_id`);--> statement-breakpoint
CREATE INDEX `refresh_tokens_family_idx` ON `refresh_tokens` (`family_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`password_hash` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text DEFAULT 'member' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`disabled_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_role_idx` ON `users` (`role`);--> statement-breakpoint
CREATE TABLE `content` (
	`row_id` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`type` text NOT NULL,
	`slug` text NOT NULL,
	`actor_id` text,
	`author_id` text,
	`status` text NOT NULL,
	`reject_reason` text,
	`version` integer DEFAULT 1 NOT NULL,
	`title` text NOT NULL,
	`data` text NOT NULL,
	`public_json` text,
	`verified` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`published_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `content_id_unique` ON `content` (`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `content_type_slug_uq` ON `content` (`type`,`slug`);--> statement-breakpoint
CREATE INDEX `content_type_status_idx` ON `content` (`type`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `content_actor_idx` ON `content` (`actor_id`,`type`);--> statement-breakpoint
CREATE INDEX `content_status_updated_idx` ON `content` (`status`,`updated_at`);--> statement-breakpoint
CREATE TABLE `event_occurrences` (
	`event_id` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `event_occurrences_start_idx` ON `event_occurrences` (`start`,`event_id`);--> statement-breakpoint
CREATE INDEX `event_occurrences_event_idx` ON `event_occurrences` (`event_id`,`start`);--> statement-breakpoint
CREATE TABLE `events_index` (
	`id` text PRIMARY KEY NOT NULL,
	`actor_id` text NOT NULL,
	`format` text NOT NULL,
	`audiences` integer DEFAULT 0 NOT NULL,
	`disciplines` integer DEFAULT 0 NOT NULL,
	`accessibility` integer DEFAULT 0 NOT NULL,
	`free` integer DEFAULT false NOT NULL,
	`attendance_mode` text NOT NULL,
	`campaign` text,
	`lat` real,
	`lon` real,
	`first_start` integer NOT NULL,
	`last_end` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `events_index_time_idx` ON `events_index` (`last_end`,`first_start`);--> statement-breakpoint
CREATE INDEX `events_index_geo_idx` ON `events_index` (`lat`,`lon`);--> statement-breakpoint
CREATE INDEX `events_index_actor_idx` ON `events_index` (`actor_id`);--> statement-breakpoint
CREATE INDEX `events_index_campaign_idx` ON `events_index` (`campaign`);--> statement-breakpoint
CREATE TABLE `changes` (
	`type` text NOT NULL,
	`id` text NOT NULL,
	`seq` integer NOT NULL,
	`op` text NOT NULL,
	`version` integer NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`type`, `id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `changes_seq_unique` ON `changes` (`seq`);--> statement-breakpoint
CREATE INDEX `changes_seq_idx` ON `changes` (`seq`);--> statement-breakpoint
CREATE TABLE `hub_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`user_id` text NOT NULL,
	`action` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text NOT NULL,
	`details` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_target_idx` ON `audit_log` (`target_type`,`target_id`);--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `reports` (
	`id` text PRIMARY KEY NOT NULL,
	`content_id` text NOT NULL,
	`reason` text NOT NULL,
	`details` text,
	`reporter_id` text,
	`created_at` text NOT NULL,
	`resolved_at` text,
	`resolved_by` text,
	`resolution` text
);
--> statement-breakpoint
CREATE INDEX `reports_open_idx` ON `reports` (`resolved_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `reports_content_idx` ON `reports` (`content_id`);