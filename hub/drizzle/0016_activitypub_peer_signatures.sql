CREATE TABLE `ap_peer_signatures` (
	`origin` text PRIMARY KEY NOT NULL,
	`scheme` text NOT NULL,
	`learnt_at` integer NOT NULL
);
