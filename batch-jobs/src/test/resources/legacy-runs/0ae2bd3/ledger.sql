-- Ledger rows written by nightscribe 0ae2bd3 (before the run core existed) for the two nights in out/.
-- Job instance ids are left out: their Spring Batch tables are not part of the fixture.
INSERT INTO ns_run (run_id, job_instance_id, job_kind, pipeline, partition_date, input_uri, output_uri, model_reference, model_name, model_version, model_sha256, config_hash, settings_json, status, created_at, heartbeat_at, owner, finished_at, run_record, mlflow_run_id, mlflow_state, backfill_id) VALUES ('run-23561138-30ca-46b7-9f5f-0cfedd1dc414', NULL, 'nightly', 'calls-ctc', DATE '2026-11-30', 's3://nightscribe-legacy-raw/calls/2026/11/30/', 's3://nightscribe-legacy-out/', 'builtin:nightscribe-ctc-en', 'nightscribe-ctc-en', 'train-bda1627b2171bb3b', '4a2ac95a6a908c22c13e240123f09c417a7ba094e9b8205bfec0b82975656542', 'a3740595d3168d37e7e646350e69ba1ae2c9700a5d15f0e96afbe67a32995a61', '{"chunkMillis":30000,"engineOptions":{},"maxBatchMillis":120000,"overlapMillis":2000}', 'COMPLETED_WITH_QUARANTINE', TIMESTAMP '2026-12-02 18:52:40.310918', TIMESTAMP '2026-12-02 18:52:41.144131', '7037@vm', TIMESTAMP '2026-12-02 18:52:45.548347', '{
  "schema" : "nightscribe.run/1",
  "runId" : "run-23561138-30ca-46b7-9f5f-0cfedd1dc414",
  "jobKind" : "nightly",
  "pipeline" : "calls-ctc",
  "date" : "2026-11-30",
  "input" : "s3://nightscribe-legacy-raw/calls/2026/11/30/",
  "transcripts" : "s3://nightscribe-legacy-out/calls-ctc/date=2026-11-30/",
  "model" : {
    "reference" : "builtin:nightscribe-ctc-en",
    "name" : "nightscribe-ctc-en",
    "version" : "train-bda1627b2171bb3b",
    "sha256" : "4a2ac95a6a908c22c13e240123f09c417a7ba094e9b8205bfec0b82975656542"
  },
  "decoding" : {
    "chunkMillis" : 30000,
    "engineOptions" : { },
    "maxBatchMillis" : 120000,
    "overlapMillis" : 2000
  },
  "configHash" : "a3740595d3168d37e7e646350e69ba1ae2c9700a5d15f0e96afbe67a32995a61",
  "seeds" : { },
  "code" : {
    "version" : "0.1.0-SNAPSHOT",
    "gitCommit" : "0ae2bd3710debc16042ecd7aa176b89fb27c8d15"
  },
  "environment" : {
    "devices" : "[cpu, cpu]",
    "engine" : "djl 0.35.1 PyTorch 2.7.1 (cpu)",
    "jvm" : "OpenJDK 64-Bit Server VM 17.0.15+6-Debian-1deb12u1",
    "os" : "Linux 6.18.44-fc-v1098 amd64"
  },
  "manifests" : {
    "inputsSha256" : "8f9317ff7c66b2fac39c61b48e9ef5a028506def7774cf247e0d0ba9e23f2c09",
    "outputsSha256" : "4456e7b1600fd91ccf9a3de015a126906e8d11100724f9841cd92544bb56df19",
    "errorsSha256" : "899ead2cb690406f8ce45a97e7cd1b005753b9cc997b1120c40830851860f08f"
  },
  "counts" : {
    "inputs" : 4,
    "transcribed" : 3,
    "quarantined" : 1
  },
  "metrics" : {
    "audioSeconds" : 3.837,
    "wallSeconds" : 5.247,
    "realTimeFactor" : 1.367
  },
  "status" : "COMPLETED_WITH_QUARANTINE",
  "mlflow" : {
    "state" : "disabled",
    "trackingUri" : null,
    "experiment" : "nightscribe/calls-ctc",
    "runId" : null
  },
  "backfillId" : null
}', NULL, 'disabled', NULL);
INSERT INTO ns_run (run_id, job_instance_id, job_kind, pipeline, partition_date, input_uri, output_uri, model_reference, model_name, model_version, model_sha256, config_hash, settings_json, status, created_at, heartbeat_at, owner, finished_at, run_record, mlflow_run_id, mlflow_state, backfill_id) VALUES ('run-eff59e88-6785-4d6a-87be-ff9189c7773d', NULL, 'nightly', 'calls', DATE '2026-11-30', 's3://nightscribe-legacy-raw/calls/2026/11/30/', 's3://nightscribe-legacy-out/', 'builtin:vosk-model-small-en-us', 'vosk-model-small-en-us', '0.3.45', 'a19f1657ebaf88c29b890d7c1b4873fcd37a7fcddd7751a2447a46b414b9898e', 'a3740595d3168d37e7e646350e69ba1ae2c9700a5d15f0e96afbe67a32995a61', '{"chunkMillis":30000,"engineOptions":{},"maxBatchMillis":120000,"overlapMillis":2000}', 'COMPLETED_WITH_QUARANTINE', TIMESTAMP '2026-12-02 18:52:30.753069', TIMESTAMP '2026-12-02 18:52:31.709189', '6454@vm', TIMESTAMP '2026-12-02 18:52:34.726627', '{
  "schema" : "nightscribe.run/1",
  "runId" : "run-eff59e88-6785-4d6a-87be-ff9189c7773d",
  "jobKind" : "nightly",
  "pipeline" : "calls",
  "date" : "2026-11-30",
  "input" : "s3://nightscribe-legacy-raw/calls/2026/11/30/",
  "transcripts" : "s3://nightscribe-legacy-out/calls/date=2026-11-30/",
  "model" : {
    "reference" : "builtin:vosk-model-small-en-us",
    "name" : "vosk-model-small-en-us",
    "version" : "0.3.45",
    "sha256" : "a19f1657ebaf88c29b890d7c1b4873fcd37a7fcddd7751a2447a46b414b9898e"
  },
  "decoding" : {
    "chunkMillis" : 30000,
    "engineOptions" : { },
    "maxBatchMillis" : 120000,
    "overlapMillis" : 2000
  },
  "configHash" : "a3740595d3168d37e7e646350e69ba1ae2c9700a5d15f0e96afbe67a32995a61",
  "seeds" : { },
  "code" : {
    "version" : "0.1.0-SNAPSHOT",
    "gitCommit" : "0ae2bd3710debc16042ecd7aa176b89fb27c8d15"
  },
  "environment" : {
    "devices" : "[cpu, cpu]",
    "engine" : "vosk 0.3.45 (jna 5.7.0)",
    "jvm" : "OpenJDK 64-Bit Server VM 17.0.15+6-Debian-1deb12u1",
    "os" : "Linux 6.18.44-fc-v1098 amd64"
  },
  "manifests" : {
    "inputsSha256" : "8f9317ff7c66b2fac39c61b48e9ef5a028506def7774cf247e0d0ba9e23f2c09",
    "outputsSha256" : "5e53411a90eaf97aafdb5b1e16ac76e83fb25c507d4f3f4768d704e23f7f228f",
    "errorsSha256" : "899ead2cb690406f8ce45a97e7cd1b005753b9cc997b1120c40830851860f08f"
  },
  "counts" : {
    "inputs" : 4,
    "transcribed" : 3,
    "quarantined" : 1
  },
  "metrics" : {
    "audioSeconds" : 3.837,
    "wallSeconds" : 3.983,
    "realTimeFactor" : 1.038
  },
  "status" : "COMPLETED_WITH_QUARANTINE",
  "mlflow" : {
    "state" : "disabled",
    "trackingUri" : null,
    "experiment" : "nightscribe/calls",
    "runId" : null
  },
  "backfillId" : null
}', NULL, 'disabled', NULL);
INSERT INTO ns_run_input (run_id, object_key, size_bytes, etag, version_id, status, sha256, probe_json, audio_millis, output_key, output_sha256, error_reason, error_stage, updated_at) VALUES ('run-23561138-30ca-46b7-9f5f-0cfedd1dc414', 'activated.mp3', 5229, '014864d3a7a0709929531b65d6e6b28a', NULL, 'TRANSCRIBED', '8bd10bf44d534e661590c00717af5ce943b0841d5445404404372657dbe4443a', '{"container":"mp3","codec":"mp3","sampleRateHz":8000,"channels":1,"durationMillis":1064}', 1064, 'activated.mp3.json', 'a45de717fce77b879d8530711d7dcd63398d641b43cb2a4c12f37657b980844f', NULL, NULL, TIMESTAMP '2026-12-02 18:52:45.370323');
INSERT INTO ns_run_input (run_id, object_key, size_bytes, etag, version_id, status, sha256, probe_json, audio_millis, output_key, output_sha256, error_reason, error_stage, updated_at) VALUES ('run-23561138-30ca-46b7-9f5f-0cfedd1dc414', 'asterisk/vm-nomore.wav', 26896, 'e6cc5b6fdd298bcbbb765187dd06735a', NULL, 'TRANSCRIBED', 'fb4410e845745b31f9fb0c22005ad473c82715d23fed36cfb155bb49a70a3db4', '{"container":"wav","codec":"pcm_s16le","sampleRateHz":8000,"channels":1,"durationMillis":1678}', 1678, 'asterisk/vm-nomore.wav.json', 'aeeda8086169db7683b43eae3b7412a4124fd83fe10de6c0847a417d5e95f89b', NULL, NULL, TIMESTAMP '2026-12-02 18:52:45.392127');
INSERT INTO ns_run_input (run_id, object_key, size_bytes, etag, version_id, status, sha256, probe_json, audio_millis, output_key, output_sha256, error_reason, error_stage, updated_at) VALUES ('run-23561138-30ca-46b7-9f5f-0cfedd1dc414', 'cards-001.wav', 35096, '5ecd70d8a05367065d9cb5b916d67cff', NULL, 'TRANSCRIBED', '899951e768666f27c8f8b1d4090b96fe7909cae9cec01bec0a5d5d1b8a8d566e', '{"container":"wav","codec":"pcm_s16le","sampleRateHz":16000,"channels":1,"durationMillis":1095}', 1095, 'cards-001.wav.json', '4a8ec9d1d3f3ca59fff4de69a4500edf90afd27947fe5a78fae5f5f21a4e9bf9', NULL, NULL, TIMESTAMP '2026-12-02 18:52:45.261837');
INSERT INTO ns_run_input (run_id, object_key, size_bytes, etag, version_id, status, sha256, probe_json, audio_millis, output_key, output_sha256, error_reason, error_stage, updated_at) VALUES ('run-23561138-30ca-46b7-9f5f-0cfedd1dc414', 'notes.wav', 35, '5a3f32ee61e07ba522e1947dac7cd8e9', NULL, 'QUARANTINED', '7da55bfb31c2370537cb1146e89f0527cee8fcabf31036769463153c5041aea3', NULL, NULL, NULL, NULL, 'Cannot decode s3://nightscribe-legacy-raw/calls/2026/11/30/notes.wav: not an audio file (FFmpeg: Invalid data found when processing input)', 'decode', TIMESTAMP '2026-12-02 18:52:44.892013');
INSERT INTO ns_run_input (run_id, object_key, size_bytes, etag, version_id, status, sha256, probe_json, audio_millis, output_key, output_sha256, error_reason, error_stage, updated_at) VALUES ('run-eff59e88-6785-4d6a-87be-ff9189c7773d', 'activated.mp3', 5229, '014864d3a7a0709929531b65d6e6b28a', NULL, 'TRANSCRIBED', '8bd10bf44d534e661590c00717af5ce943b0841d5445404404372657dbe4443a', '{"container":"mp3","codec":"mp3","sampleRateHz":8000,"channels":1,"durationMillis":1064}', 1064, 'activated.mp3.json', 'a801b15aac8fc1814e239f22eae3ad783e49e266cac179ee0ba7f259759e3c18', NULL, NULL, TIMESTAMP '2026-12-02 18:52:33.804293');
INSERT INTO ns_run_input (run_id, object_key, size_bytes, etag, version_id, status, sha256, probe_json, audio_millis, output_key, output_sha256, error_reason, error_stage, updated_at) VALUES ('run-eff59e88-6785-4d6a-87be-ff9189c7773d', 'asterisk/vm-nomore.wav', 26896, 'e6cc5b6fdd298bcbbb765187dd06735a', NULL, 'TRANSCRIBED', 'fb4410e845745b31f9fb0c22005ad473c82715d23fed36cfb155bb49a70a3db4', '{"container":"wav","codec":"pcm_s16le","sampleRateHz":8000,"channels":1,"durationMillis":1678}', 1678, 'asterisk/vm-nomore.wav.json', 'ba9d1591099c972ffab819446541773407ae6b53d25ba5989ba7a871a50f7a2d', NULL, NULL, TIMESTAMP '2026-12-02 18:52:33.801582');
INSERT INTO ns_run_input (run_id, object_key, size_bytes, etag, version_id, status, sha256, probe_json, audio_millis, output_key, output_sha256, error_reason, error_stage, updated_at) VALUES ('run-eff59e88-6785-4d6a-87be-ff9189c7773d', 'cards-001.wav', 35096, '5ecd70d8a05367065d9cb5b916d67cff', NULL, 'TRANSCRIBED', '899951e768666f27c8f8b1d4090b96fe7909cae9cec01bec0a5d5d1b8a8d566e', '{"container":"wav","codec":"pcm_s16le","sampleRateHz":16000,"channels":1,"durationMillis":1095}', 1095, 'cards-001.wav.json', 'dc712d3f233b89590dad0fd4ea0490244967a6dc7b283c3d95ede968f4f2b65f', NULL, NULL, TIMESTAMP '2026-12-02 18:52:34.529324');
INSERT INTO ns_run_input (run_id, object_key, size_bytes, etag, version_id, status, sha256, probe_json, audio_millis, output_key, output_sha256, error_reason, error_stage, updated_at) VALUES ('run-eff59e88-6785-4d6a-87be-ff9189c7773d', 'notes.wav', 35, '5a3f32ee61e07ba522e1947dac7cd8e9', NULL, 'QUARANTINED', '7da55bfb31c2370537cb1146e89f0527cee8fcabf31036769463153c5041aea3', NULL, NULL, NULL, NULL, 'Cannot decode s3://nightscribe-legacy-raw/calls/2026/11/30/notes.wav: not an audio file (FFmpeg: Invalid data found when processing input)', 'decode', TIMESTAMP '2026-12-02 18:52:32.923689');
