CREATE TABLE `ap_blocked_domains` (
	`domain` text PRIMARY KEY NOT NULL,
	`added_by` text NOT NULL,
	`created_at` text NOT NULL
);
