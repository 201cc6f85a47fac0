package io.nightscribe.asr.audio;

import java.util.Objects;

/**
 * What an input is, learned before decoding it.
 *
 * @param container the container format as FFmpeg names it ("wav", "flac", "mp3", "ogg",
 *     "mov,mp4,m4a,3gp,3g2,mj2")
 * @param codec the audio codec ("pcm_s16le", "flac", "mp3", "vorbis", "opus", "aac")
 * @param sampleRateHz the stream's own sample rate
 * @param channels the stream's own channel count
 * @param durationMillis the declared duration, or -1 when the container does not say
 */
public record AudioProbe(
    String container, String codec, int sampleRateHz, int channels, long durationMillis) {
  public AudioProbe {
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(codec, "codec");
  }
}
