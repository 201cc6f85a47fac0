package io.nightscribe.runs.replay;

import java.util.List;
import java.util.Map;

/**
 * What a replay found, as replay.json holds it. Serialised in component order.
 *
 * @param schema the format's name and version
 * @param replayId the replay's own id
 * @param verdict the verdict
 * @param summary one line for people
 * @param original the run replayed
 * @param location where the replay's transcripts and this report are
 * @param model whether the run's model could be had with its digest
 * @param inputs every input, checked against what the run read
 * @param outputs every input's outcome, original beside replay (empty when nothing was re-run)
 * @param environment the original's environment and the replay's, side by side
 * @param caveats what a replay cannot promise, and every environment difference
 */
public record ReplayReport(
    String schema,
    String replayId,
    ReplayVerdict verdict,
    String summary,
    Original original,
    String location,
    ModelCheck model,
    List<InputCheck> inputs,
    List<OutputComparison> outputs,
    Map<String, Map<String, String>> environment,
    List<String> caveats) {

  public static final String SCHEMA = "nightscribe.replay/1";

  /**
   * @param runId nightscribe's run id
   * @param mlflowRunId its MLflow run, or null
   * @param pipeline its pipeline
   * @param date its partition date, or null for ad-hoc runs
   * @param input its input prefix
   * @param transcripts where its transcripts are
   */
  public record Original(
      String runId,
      String mlflowRunId,
      String pipeline,
      String date,
      String input,
      String transcripts) {}

  /**
   * @param reference the reference the run resolved
   * @param name model name
   * @param version model version
   * @param recordedSha256 the digest the run recorded
   * @param foundSha256 the digest of what the reference gives now, or null
   * @param available true when the model was found with the recorded digest
   * @param detail why not, when not
   */
  public record ModelCheck(
      String reference,
      String name,
      String version,
      String recordedSha256,
      String foundSha256,
      boolean available,
      String detail) {}

  /**
   * @param key the input's key
   * @param versionId the version the run read, or null on an unversioned bucket
   * @param recordedSha256 the digest the run recorded, or null when it could not read the input
   * @param foundSha256 the digest read now, or null when the input is gone
   * @param status SAME, CHANGED or MISSING
   * @param detail what changed, when something did
   */
  public record InputCheck(
      String key,
      String versionId,
      String recordedSha256,
      String foundSha256,
      String status,
      String detail) {
    public static final String SAME = "SAME";
    public static final String CHANGED = "CHANGED";
    public static final String MISSING = "MISSING";

    public boolean same() {
      return status.equals(SAME);
    }
  }

  /**
   * @param key the input's key
   * @param originalSha256 the original transcript's digest, or null when the input was quarantined
   * @param replaySha256 the replay's transcript digest, or null when the replay quarantined it
   * @param identical true when both ends agree byte for byte (or both quarantined the input)
   * @param wordErrorRate the replay's text scored against the original's, when they differ
   * @param diff the replay's words against the original's ({@code [-old-] {+new+}}), when they
   *     differ
   * @param detail anything else an auditor should know about this input
   */
  public record OutputComparison(
      String key,
      String originalSha256,
      String replaySha256,
      boolean identical,
      Double wordErrorRate,
      String diff,
      String detail) {}
}
