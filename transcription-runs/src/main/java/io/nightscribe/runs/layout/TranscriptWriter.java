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
   * Why the transcript of the input {@code inputKey} cannot be stored in {@code transcripts} (its
   * name is over the store's limits), or empty when it can: a one-line reason to quarantine it
   * with.
   */
  public Optional<String> refusal(StorageUri transcripts, String inputKey) {
    return transcripts
        .resolve(OutputLayout.transcriptKey(inputKey))
        .limitExceeded()
        .map(why -> "Cannot store the transcript: " + why);
  }

  /**
   * Stores the transcript of the input {@code inputKey} in {@code transcripts}.
   *
   * @throws IllegalArgumentException when its name is over the store's limits (see {@link
   *     #refusal})
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
