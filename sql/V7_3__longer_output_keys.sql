-- A transcript's key is its input's key, percent-escaped when the key is not a plain path (docs/architecture.md):
-- escaping can triple a key's length, and a file:// output accepts paths up to 4095 bytes, so 1100 characters could
-- fail a night on a key the store itself can hold. (SET DATA TYPE is spelled the same by PostgreSQL and H2.)
ALTER TABLE ns_run_input ALTER COLUMN output_key SET DATA TYPE VARCHAR(4200);
