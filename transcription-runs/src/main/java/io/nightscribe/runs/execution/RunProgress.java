package io.nightscribe.runs.execution;

/**
 * Follows a run's progress for the person or the log watching it. Called from worker threads:
 * implementations are thread-safe.
 */
public interface RunProgress {

  /**
   * @param runId the run
   * @param totalInputs every input of the run
   * @param alreadyDone inputs finished before this execution (a restart)
   * @param pendingBytes bytes still to read
   */
  void start(String runId, int totalInputs, int alreadyDone, long pendingBytes);

  void transcribed(String key, long sizeBytes, long audioMillis);

  void quarantined(String key, long sizeBytes);

  void finish();

  /** Progress nobody watches. */
  RunProgress SILENT =
      new RunProgress() {
        @Override
        public void start(String runId, int totalInputs, int alreadyDone, long pendingBytes) {}

        @Override
        public void transcribed(String key, long sizeBytes, long audioMillis) {}

        @Override
        public void quarantined(String key, long sizeBytes) {}

        @Override
        public void finish() {}
      };
}
