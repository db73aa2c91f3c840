CREATE TABLE `hub_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text,
	`tagline` text,
	`map_style` text,
	`aggregator_urls` text,
	`featured_dossier_id` text,
	`signup_role` text,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	CONSTRAINT "hub_settings_single_row" CHECK("hub_settings"."id" = 1)
);
