package io.nightscribe.runs.layout;

import io.nightscribe.asr.storage.StorageUri;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Where everything a run leaves goes under an output root: the contract the README shows, spelled
 * here and nowhere else. Immutable.
 *
 * <pre>
 * &lt;root&gt;/&lt;pipeline&gt;/date=YYYY-MM-DD/&lt;input key&gt;.json   a night's transcripts
 * &lt;root&gt;/&lt;input key&gt;.json                              an ad-hoc run's transcripts
 * &lt;root&gt;/_runs/&lt;run-id&gt;/inputs.jsonl, outputs.jsonl, errors.jsonl, run.json (written last)
 * &lt;root&gt;/_replays/&lt;replay-id&gt;/transcripts/, replay.json, replay.html
 * &lt;root&gt;/_health/&lt;probe-id&gt;                        a health check's probe, written and deleted at once
 * </pre>
 *
 * An input key is the object's key relative to {@link #inputBase} of the run's input: any string.
 * Where it names an output it is escaped by {@link OutputKeys}; the ledger keeps it raw.
 *
 * @param root the output root, a prefix
 */
public record OutputLayout(StorageUri root) {
  private static final String RUNS = "_runs/";
  private static final String REPLAYS = "_replays/";
  private static final String HEALTH = "_health/";
  private static final String TRANSCRIPT_SUFFIX = ".json";

  public OutputLayout {
    root = Objects.requireNonNull(root, "root").asPrefix();
  }

  /** The layout under {@code root}, an s3:// or file:// URI. */
  public static OutputLayout of(String root) {
    return new OutputLayout(StorageUri.parse(root));
  }

  /** Where a pipeline's night writes its transcripts. */
  public StorageUri nightTranscripts(String pipeline, LocalDate date) {
    return root.resolve(pipeline + "/date=" + date + "/");
  }

  /** The folder of every run's records. */
  public StorageUri runsFolder() {
    return root.resolve(RUNS);
  }

  /** The records of one run. */
  public RunFolder run(String runId) {
    return new RunFolder(runsFolder().resolve(runId + "/"));
  }

  /** The default location of a replay: beside the run records, never over them. */
  public ReplayFolder replay(String replayId) {
    return new ReplayFolder(root.resolve(REPLAYS + replayId + "/"));
  }

  /**
   * Where a health check proves the root writable: a key of its own under the reserved {@code
   * _health/} folder, so concurrent checks never touch each other's probe or anything a run wrote.
   */
  public StorageUri healthProbe(String probeId) {
    if (probeId.isEmpty() || probeId.contains("/")) {
      throw new IllegalArgumentException("Invalid probe id '" + probeId + "': one path segment");
    }
    return root.resolve(HEALTH + probeId);
  }

  /**
   * The key of an input's transcript, relative to the run's transcripts folder: the input key
   * escaped by {@link OutputKeys} (unchanged when it is a plain path), so it stays inside that
   * folder and no two inputs share it.
   */
  public static String transcriptKey(String inputKey) {
    return OutputKeys.escape(inputKey) + TRANSCRIPT_SUFFIX;
  }

  /** The key of the input whose transcript has {@code transcriptKey}: its inverse. */
  public static String inputKey(String transcriptKey) {
    if (!transcriptKey.endsWith(TRANSCRIPT_SUFFIX)) {
      throw new IllegalArgumentException("Not a transcript key: " + transcriptKey);
    }
    return OutputKeys.unescape(
        transcriptKey.substring(0, transcriptKey.length() - TRANSCRIPT_SUFFIX.length()));
  }

  /** True when {@code key}, relative to a transcripts folder, names a transcript. */
  public static boolean isTranscriptKey(String key) {
    return key.endsWith(TRANSCRIPT_SUFFIX) && !isRecordKey(key);
  }

  /** True when {@code key}, relative to the root, lies among run, replay or health records. */
  public static boolean isRecordKey(String key) {
    return key.startsWith(RUNS) || key.startsWith(REPLAYS) || key.startsWith(HEALTH);
  }

  /** The prefix input keys are relative to: the input itself, or a single object's folder. */
  public static StorageUri inputBase(StorageUri input) {
    if (input.isPrefix()) {
      return input;
    }
    int slash = input.key().lastIndexOf('/');
    return new StorageUri(input.scheme(), input.bucket(), input.key().substring(0, slash + 1));
  }

  /**
   * A run's records.
   *
   * @param folder {@code <root>/_runs/<run-id>/}
   */
  public record RunFolder(StorageUri folder) {
    public StorageUri inputs() {
      return folder.resolve("inputs.jsonl");
    }

    public StorageUri outputs() {
      return folder.resolve("outputs.jsonl");
    }

    public StorageUri errors() {
      return folder.resolve("errors.jsonl");
    }

    /** run.json, written last: when it exists, the run finished. */
    public StorageUri record() {
      return folder.resolve("run.json");
    }
  }

  /**
   * A replay's outputs.
   *
   * @param folder where the replay was asked to go
   */
  public record ReplayFolder(StorageUri folder) {
    public ReplayFolder {
      folder = folder.asPrefix();
    }

    public StorageUri transcripts() {
      return folder.resolve("transcripts/");
    }

    public StorageUri report() {
      return folder.resolve("replay.json");
    }

    public StorageUri page() {
      return folder.resolve("replay.html");
    }
  }
}
