CREATE TABLE `ap_allowed_servers` (
	`host` text PRIMARY KEY NOT NULL,
	`added_by` text NOT NULL,
	`created_at` text NOT NULL
);
