ALTER TABLE `hub_settings` ADD `accent_color` text;--> statement-breakpoint
ALTER TABLE `hub_settings` ADD `logo_url` text;--> statement-breakpoint
ALTER TABLE `hub_settings` ADD `social_links` text;