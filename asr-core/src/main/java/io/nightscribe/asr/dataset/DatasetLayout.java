package io.nightscribe.asr.dataset;

/**
 * Where a dataset's files are, relative to its root: {@code audio/<slice>/<id>.wav}, then {@value
 * #RECORD} and, written last, {@value #MANIFEST}.
 */
public final class DatasetLayout {
  /** The manifest: one line per clip; its sha256 is the dataset digest. Written last. */
  public static final String MANIFEST = "manifest.jsonl";

  /** How the dataset was built: seed, voices, settings, tool versions, counts. */
  public static final String RECORD = "dataset.json";

  /** Clips synthesized from text. */
  public static final String SYNTHETIC = "synthetic";

  /** Recordings of people. */
  public static final String REAL = "real";

  private DatasetLayout() {}

  /** The key of a clip's audio. */
  public static String audioKey(String slice, String id) {
    if (!slice.matches("[a-z]+") || !id.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new IllegalArgumentException("Invalid clip " + slice + "/" + id);
    }
    return "audio/" + slice + "/" + id + ".wav";
  }
}
