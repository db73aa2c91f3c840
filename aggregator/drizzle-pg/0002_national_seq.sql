INSERT INTO "national_state" ("key", "value") VALUES ('nseq', 0);
