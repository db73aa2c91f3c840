-- What the PostgreSQL national store needs beyond core SQL, all from the server's contrib
-- (Debian's postgresql package; "trusted" extensions, so a database owner on a managed
-- service may create them): unaccent for accent-insensitive search ("evenement" finds
-- "événement"), pg_trgm for similarity on titles.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- French stemming after accents are removed, for every word token.
CREATE TEXT SEARCH CONFIGURATION constellation_french (COPY = french);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION constellation_french
  ALTER MAPPING FOR hword, hword_part, word, asciihword, asciiword, hword_asciipart WITH unaccent, french_stem;
--> statement-breakpoint
-- unaccent() is only STABLE (its dictionary could change); an index needs an IMMUTABLE
-- function, so this one names the dictionary itself.
CREATE OR REPLACE FUNCTION unaccent_immutable(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN unaccent('unaccent'::regdictionary, value);
