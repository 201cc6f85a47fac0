-- How long each input spent in the pipeline, from the moment a decoder took it up until its outcome was
-- recorded, so an operator can see a night's slowest objects (`nightscribe report`). NULL for inputs recorded
-- before this column existed and for runners that do not measure it (Spark).
ALTER TABLE ns_run_input ADD COLUMN processing_millis BIGINT;
