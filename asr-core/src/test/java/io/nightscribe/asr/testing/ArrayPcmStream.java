package io.nightscribe.asr.testing;

import io.nightscribe.asr.audio.AudioProbe;
import io.nightscribe.asr.audio.PcmStream;
import java.util.Arrays;

/** A PcmStream over samples in memory, handed out in blocks of a fixed size (the last shorter). */
public final class ArrayPcmStream implements PcmStream {
  private final float[] samples;
  private final int blockSamples;
  private int position;

  public ArrayPcmStream(float[] samples, int blockSamples) {
    this.samples = samples;
    this.blockSamples = blockSamples;
  }

  @Override
  public AudioProbe probe() {
    return new AudioProbe("wav", "pcm_s16le", 16_000, 1, samples.length / 16L);
  }

  @Override
  public float[] nextBlock() {
    if (position >= samples.length) {
      return null;
    }
    int end = Math.min(samples.length, position + blockSamples);
    float[] block = Arrays.copyOfRange(samples, position, end);
    position = end;
    return block;
  }

  @Override
  public void close() {}
}
