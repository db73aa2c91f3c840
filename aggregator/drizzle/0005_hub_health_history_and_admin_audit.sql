CREATE TABLE `admin_audit` (
	`row_id` integer PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`admin_id` text NOT NULL,
	`admin_email` text NOT NULL,
	`action` text NOT NULL,
	`target_id` text NOT NULL,
	`target_name` text NOT NULL,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `admin_audit_target_idx` ON `admin_audit` (`target_id`,`row_id`);--> statement-breakpoint
CREATE TABLE `hub_health_samples` (
	`hub` text NOT NULL,
	`hour` integer NOT NULL,
	`pulls` integer DEFAULT 0 NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`applied` integer DEFAULT 0 NOT NULL,
	`rejected` integer DEFAULT 0 NOT NULL,
	`max_lag_seq` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`hub`, `hour`)
);
