package io.nightscribe.asr.audio;

import java.util.Objects;

/**
 * What an input is, learned before decoding it, and what damage decoding it found.
 *
 * @param container the container format as FFmpeg names it ("wav", "flac", "mp3", "ogg",
 *     "mov,mp4,m4a,3gp,3g2,mj2")
 * @param codec the audio codec ("pcm_s16le", "flac", "mp3", "vorbis", "opus", "aac")
 * @param sampleRateHz the stream's own sample rate
 * @param channels the stream's own channel count
 * @param durationMillis the declared duration, or -1 when the container does not say
 * @param skippedPackets packets the decoder could not decode and skipped (corruption inside the
 *     file, around which the rest was transcribed); 0 for an undamaged input
 */
public record AudioProbe(
    String container,
    String codec,
    int sampleRateHz,
    int channels,
    long durationMillis,
    long skippedPackets) {
  public AudioProbe {
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(codec, "codec");
    if (skippedPackets < 0) {
      throw new IllegalArgumentException("Invalid skipped packet count: " + skippedPackets);
    }
  }

  /** An input as probed, with no damage found (yet). */
  public AudioProbe(
      String container, String codec, int sampleRateHz, int channels, long durationMillis) {
    this(container, codec, sampleRateHz, channels, durationMillis, 0);
  }

  /** The same input, with {@code count} packets found corrupt and skipped. */
  public AudioProbe withSkippedPackets(long count) {
    return new AudioProbe(container, codec, sampleRateHz, channels, durationMillis, count);
  }
}
