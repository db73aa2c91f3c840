CREATE TABLE `account_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`purpose` text NOT NULL,
	`token_hash` text NOT NULL,
	`new_email` text,
	`expires_at` integer NOT NULL,
	`created_at` text NOT NULL,
	`used_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `account_tokens_token_hash_unique` ON `account_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `account_tokens_user_idx` ON `account_tokens` (`user_id`,`purpose`);--> statement-breakpoint
CREATE TABLE `mail_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`to_address` text NOT NULL,
	`kind` text NOT NULL,
	`subject` text NOT NULL,
	`text_body` text NOT NULL,
	`html_body` text NOT NULL,
	`headers` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`created_at` text NOT NULL,
	`sent_at` text
);
--> statement-breakpoint
CREATE INDEX `mail_outbox_due_idx` ON `mail_outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `site_pages` (
	`slug` text NOT NULL,
	`lang` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	PRIMARY KEY(`slug`, `lang`)
);
--> statement-breakpoint
ALTER TABLE `refresh_tokens` ADD `user_agent` text;--> statement-breakpoint
ALTER TABLE `users` ADD `email_confirmed_at` text;--> statement-breakpoint
ALTER TABLE `users` ADD `locale` text DEFAULT 'fr' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `consent_at` text;--> statement-breakpoint
ALTER TABLE `users` ADD `membership` text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `membership_at` text;--> statement-breakpoint
ALTER TABLE `users` ADD `notify_pending` text DEFAULT 'each' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `digest_sent_at` text;--> statement-breakpoint
ALTER TABLE `users` ADD `notify_decisions` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `deleted_at` text;--> statement-breakpoint
-- Accounts made before addresses were confirmed keep contributing as they did.
UPDATE `users` SET `email_confirmed_at` = `created_at`;--> statement-breakpoint
-- Members who already had a profile in the network are its approved members.
UPDATE `users` SET `membership` = 'approved', `membership_at` = `created_at` WHERE `id` IN (SELECT `user_id` FROM `member_profiles`);
