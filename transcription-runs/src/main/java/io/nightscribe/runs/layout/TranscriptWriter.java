package io.nightscribe.runs.layout;

import io.nightscribe.asr.Sha256;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.asr.transcript.TranscriptJson;
import io.nightscribe.asr.transcript.TranscriptRecord;
import java.util.Optional;

/**
 * Writes transcripts: encodes one canonically, names it after its input by the {@link
 * OutputLayout}, and stores it. The one way transcripts reach storage, whether a night, a replay or
 * a Spark task writes them. Thread-safe.
 */
public final class TranscriptWriter {
  private final ObjectStores stores;

  public TranscriptWriter(ObjectStores stores) {
    this.stores = stores;
  }

  /**
   * A transcript as stored.
   *
   * @param outputKey its key relative to the transcripts folder
   * @param sha256 the digest of its bytes
   */
  public record Written(String outputKey, String sha256) {}

  /**
   * Why the transcript of the input {@code inputKey} cannot be stored in {@code transcripts}, or
   * empty when it can: a one-line reason to quarantine it with. Its name may be over the store's
   * limits, or begin with a folder the layout keeps for records ({@code _runs/}, ...): an ad-hoc
   * run's transcripts share the root with the run records, so an object named {@code
   * _runs/<run-id>/run} would otherwise overwrite an earlier run's record.
   */
  public Optional<String> refusal(StorageUri transcripts, String inputKey) {
    String outputKey = OutputLayout.transcriptKey(inputKey);
    if (OutputLayout.isRecordKey(outputKey)) {
      return Optional.of(
          "Cannot store the transcript: its name "
              + outputKey
              + " would lie among nightscribe's own records (_runs/, _replays/, _health/); rename"
              + " the object or move it to another folder");
    }
    return transcripts
        .resolve(outputKey)
        .limitExceeded()
        .map(why -> "Cannot store the transcript: " + why);
  }

  /**
   * Stores the transcript of the input {@code inputKey} in {@code transcripts}.
   *
   * @throws IllegalArgumentException when it cannot be stored under its name (see {@link #refusal})
   */
  public Written write(StorageUri transcripts, String inputKey, TranscriptRecord transcript) {
    refusal(transcripts, inputKey)
        .ifPresent(
            why -> {
              throw new IllegalArgumentException(why);
            });
    byte[] bytes = TranscriptJson.encode(transcript);
    String outputKey = OutputLayout.transcriptKey(inputKey);
    StorageUri target = transcripts.resolve(outputKey);
    stores.forUri(target).write(target, bytes);
    return new Written(outputKey, Sha256.hex(bytes));
  }
}
