CREATE TABLE `content_views` (
	`content_id` text NOT NULL,
	`day` text NOT NULL,
	`views` integer NOT NULL,
	PRIMARY KEY(`content_id`, `day`)
);
--> statement-breakpoint
CREATE TABLE `search_misses` (
	`query` text NOT NULL,
	`day` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`query`, `day`)
);
