CREATE TABLE `ap_activities` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`actor_key` text NOT NULL,
	`activity_id` text NOT NULL,
	`type` text NOT NULL,
	`object_id` text,
	`json` text NOT NULL,
	`public` integer NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ap_activities_activity_id_unique` ON `ap_activities` (`activity_id`);--> statement-breakpoint
CREATE INDEX `ap_activities_outbox_idx` ON `ap_activities` (`actor_key`,`public`,`seq`);--> statement-breakpoint
CREATE TABLE `ap_actor_keys` (
	`actor_key` text PRIMARY KEY NOT NULL,
	`public_key_pem` text NOT NULL,
	`private_key_pem` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ap_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`activity_seq` integer NOT NULL,
	`inbox` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ap_deliveries_uq` ON `ap_deliveries` (`activity_seq`,`inbox`);--> statement-breakpoint
CREATE INDEX `ap_deliveries_inbox_idx` ON `ap_deliveries` (`inbox`,`id`);--> statement-breakpoint
CREATE INDEX `ap_deliveries_due_idx` ON `ap_deliveries` (`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `ap_followers` (
	`actor_key` text NOT NULL,
	`follower_id` text NOT NULL,
	`inbox` text NOT NULL,
	`shared_inbox` text,
	`follow_activity_id` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`actor_key`, `follower_id`)
);
--> statement-breakpoint
CREATE INDEX `ap_followers_follower_idx` ON `ap_followers` (`follower_id`);--> statement-breakpoint
CREATE TABLE `ap_inbound_objects` (
	`remote_id` text PRIMARY KEY NOT NULL,
	`remote_actor_id` text NOT NULL,
	`content_id` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ap_objects` (
	`content_id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`version` integer NOT NULL,
	`deleted` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ap_remote_actors` (
	`id` text PRIMARY KEY NOT NULL,
	`inbox` text NOT NULL,
	`shared_inbox` text,
	`key_id` text NOT NULL,
	`public_key_pem` text NOT NULL,
	`json` text NOT NULL,
	`fetched_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ap_seen_signatures` (
	`hash` text PRIMARY KEY NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ap_seen_signatures_expiry_idx` ON `ap_seen_signatures` (`expires_at`);--> statement-breakpoint
CREATE TABLE `ap_sources` (
	`remote_actor_id` text PRIMARY KEY NOT NULL,
	`local_actor_id` text NOT NULL,
	`state` text NOT NULL,
	`follow_activity_id` text NOT NULL,
	`created_at` text NOT NULL
);
