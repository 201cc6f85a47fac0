-- What each transcribed input looked like and what the model made of it (loudness, clipping and speech share of its
-- audio; word count, mean word confidence and out-of-vocabulary words of its transcript), as JSON: the night's drift
-- profile is built from these rows when the run finishes, so a run resumed after a kill, or transcribed by Spark
-- tasks, profiles every input and not only those of its last process. Empty for inputs recorded before.
ALTER TABLE ns_run_input ADD COLUMN features_json TEXT;
