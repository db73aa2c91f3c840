CREATE TABLE `email_follows` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`address_key` text NOT NULL,
	`kind` text NOT NULL,
	`target` text NOT NULL,
	`locale` text DEFAULT 'fr' NOT NULL,
	`token_hash` text,
	`expires_at` integer,
	`confirmed_at` text,
	`digest_at` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `email_follows_address_target_idx` ON `email_follows` (`email`,`kind`,`target`);--> statement-breakpoint
CREATE INDEX `email_follows_token_idx` ON `email_follows` (`token_hash`);--> statement-breakpoint
CREATE INDEX `email_follows_key_idx` ON `email_follows` (`address_key`);