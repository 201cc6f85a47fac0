package io.nightscribe.asr.transcript;

import io.nightscribe.asr.engine.RecognizedWord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The canonical transcript of one input object. It holds nothing that depends on when, where or in
 * which order it was made: the same input, model and settings give the same bytes (see
 * TranscriptJson).
 *
 * @param source the input it transcribes
 * @param model the model that transcribed it
 * @param configHash sha256 of the canonical decoding settings
 * @param segments the transcript in time order
 */
public record TranscriptRecord(
    Source source, ModelIdentity model, String configHash, List<Segment> segments) {
  public TranscriptRecord {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(configHash, "configHash");
    segments = List.copyOf(segments);
  }

  /** All segment texts joined by single spaces. */
  public String text() {
    return String.join(
        " ", segments.stream().map(Segment::text).filter(t -> !t.isEmpty()).toList());
  }

  /**
   * @param uri where the input was read
   * @param versionId its version on a versioned bucket
   * @param sha256 digest of its bytes
   * @param durationMillis decoded duration
   * @param codec the codec it was encoded with
   * @param sampleRateHz its own sample rate
   * @param channels its own channel count
   */
  public record Source(
      String uri,
      Optional<String> versionId,
      String sha256,
      long durationMillis,
      String codec,
      int sampleRateHz,
      int channels) {
    public Source {
      Objects.requireNonNull(uri, "uri");
      Objects.requireNonNull(versionId, "versionId");
      Objects.requireNonNull(sha256, "sha256");
      Objects.requireNonNull(codec, "codec");
    }
  }

  /** Which model made a transcript. */
  public record ModelIdentity(String name, String version, String sha256) {
    public ModelIdentity {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(sha256, "sha256");
    }
  }

  /**
   * A stretch of speech.
   *
   * @param startMillis start of the first word
   * @param endMillis end of the last word
   * @param text the words joined by spaces
   * @param confidence the mean of the word confidences
   * @param words the words, timed relative to the source
   */
  public record Segment(
      long startMillis,
      long endMillis,
      String text,
      double confidence,
      List<RecognizedWord> words) {
    public Segment {
      Objects.requireNonNull(text, "text");
      words = List.copyOf(words);
    }
  }
}
