package io.nightscribe.asr.audio;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.storage.SeekableObject;
import java.util.Objects;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * Decodes any container and codec the bundled FFmpeg knows (tested: WAV, FLAC, MP3, Ogg/Vorbis,
 * Ogg/Opus, M4A/AAC) to 16 kHz mono float, in blocks of at most one second, reading the object
 * through ranged reads so an index at the end of the file (M4A) costs a seek, not a download.
 *
 * <p>Thread-safe and stateless: share one instance; every {@link #open} builds its own FFmpeg
 * contexts. The returned stream owns its native resources and frees them on close; it never closes
 * the {@link SeekableObject}.
 *
 * <p>Bad input fails with BAD_INPUT and "Cannot decode NAME: reason": {@code empty object (0
 * bytes)}, {@code not an audio file (FFmpeg: ...)}, {@code no audio stream in the X container},
 * {@code unsupported audio codec C (tag 0xNNNN)}, {@code absurd sample rate N Hz (expected 1000 to
 * 384000)}, {@code absurd channel count N (expected 1 to 64)}, {@code contains no audio samples}.
 * Truncation is reported by {@link PcmStream#nextBlock()} once it is known: {@code truncated at
 * 12.4 s (FFmpeg: ...)} when the demuxer fails mid-file, or {@code truncated at 12.4 s (the header
 * declares 30.0 s)} when the file simply ends early but its container declared a longer duration (a
 * duration FFmpeg only estimated from the bitrate is not trusted for this). Failures of the object
 * itself (say a TRANSIENT network error) are rethrown as they are.
 *
 * <p>Each decode keeps to a {@link DecodeBudget}; breaking it fails with {@link
 * DecodeBudgetExceeded} (a BAD_INPUT): {@code declares 18.6 h of audio, more than the 12.0 h the
 * decode budget allows} before decoding, {@code decodes to more than the 12.0 h of audio the decode
 * budget allows} or {@code one packet decodes to more than 60.0 s of audio} (too large), {@code
 * decoding took longer than its budget (60.0 s plus 2.0 s per audio minute) after 12.0 s of audio}
 * (timeout). Closing the stream, as the caller does after any failure, frees its native resources.
 */
public final class FfmpegAudioDecoder implements AudioDecoder {

  static {
    // errors reach callers as exceptions naming the object; FFmpeg's own stderr lines would
    // only repeat them without saying which object they concern
    avutil.av_log_set_level(avutil.AV_LOG_QUIET);
  }

  private final DecodeBudget budget;

  /** A decoder keeping every decode to {@link DecodeBudget#DEFAULTS}. */
  public FfmpegAudioDecoder() {
    this(DecodeBudget.DEFAULTS);
  }

  /** A decoder keeping every decode to {@code budget}. */
  public FfmpegAudioDecoder(DecodeBudget budget) {
    this.budget = Objects.requireNonNull(budget, "budget");
  }

  /**
   * @throws NightscribeException BAD_INPUT for an empty or unusable input (see the class doc)
   */
  @Override
  public PcmStream open(SeekableObject source, String displayName) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(displayName, "displayName");
    if (source.info().sizeBytes() == 0) {
      throw NightscribeException.badInput(
          "Cannot decode " + displayName + ": empty object (0 bytes)");
    }
    return new FfmpegPcmStream(source, displayName, budget);
  }
}
