CREATE TABLE "duplicate_reviews" (
	"left_hub" text NOT NULL,
	"left_id" text NOT NULL,
	"right_hub" text NOT NULL,
	"right_id" text NOT NULL,
	"verdict" text NOT NULL,
	"at" bigint NOT NULL,
	"admin_email" text NOT NULL,
	CONSTRAINT "duplicate_reviews_left_hub_left_id_right_hub_right_id_pk" PRIMARY KEY("left_hub","left_id","right_hub","right_id")
);
--> statement-breakpoint
CREATE INDEX "duplicate_reviews_right_idx" ON "duplicate_reviews" USING btree ("right_hub","right_id","left_hub","left_id");