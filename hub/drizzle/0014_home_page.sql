CREATE TABLE `home_page` (
	`id` integer PRIMARY KEY NOT NULL,
	`banner` text,
	`banner_url` text,
	`features` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	CONSTRAINT "home_page_single_row" CHECK("home_page"."id" = 1)
);
