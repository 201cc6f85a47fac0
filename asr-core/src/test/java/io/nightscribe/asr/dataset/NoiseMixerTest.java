package io.nightscribe.asr.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NoiseMixerTest {
  private static final short[] TONE = tone(16000);

  @Test
  void addsNoiseAtTheAskedSignalToNoiseRatio() {
    short[] mixed = NoiseMixer.mix(TONE, 20, 42);

    double signal = power(TONE);
    double noise = 0;
    for (int i = 0; i < TONE.length; i++) {
      noise += Math.pow(mixed[i] - TONE[i], 2) / TONE.length;
    }
    assertThat(10 * Math.log10(signal / noise)).isCloseTo(20, within(0.3));
  }

  @Test
  void theSameSeedGivesTheSameSamplesAndAnotherSeedOthers() {
    assertThat(NoiseMixer.mix(TONE, 15, 42)).isEqualTo(NoiseMixer.mix(TONE, 15, 42));
    assertThat(NoiseMixer.mix(TONE, 15, 42)).isNotEqualTo(NoiseMixer.mix(TONE, 15, 43));
  }

  @Test
  void silenceStaysSilentAndTheInputIsLeftAlone() {
    short[] silence = new short[100];
    short[] input = TONE.clone();

    assertThat(NoiseMixer.mix(silence, 10, 1)).containsOnly((short) 0);
    NoiseMixer.mix(input, 10, 1);
    assertThat(input).isEqualTo(TONE);
  }

  private static short[] tone(int length) {
    short[] samples = new short[length];
    for (int i = 0; i < length; i++) {
      samples[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
    }
    return samples;
  }

  private static double power(short[] samples) {
    double sum = 0;
    for (short sample : samples) {
      sum += (double) sample * sample;
    }
    return sum / samples.length;
  }
}
