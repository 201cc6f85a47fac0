package io.nightscribe.asr.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AudioLevelMeterTest {
  private static final int RATE = 16_000;

  @Test
  void aSineWithDigitalPausesIsMeasuredFromItsSamples() {
    // given one second of a 0.5 sine, then one second of digital silence
    AudioLevelMeter meter = new AudioLevelMeter();
    meter.add(sine(0.5, RATE));
    meter.add(new float[RATE]);

    AudioLevels levels = meter.levels();

    // then the RMS of the whole input is 0.5 / sqrt(2) over two seconds, half the frames speech
    double expected = 10 * Math.log10(0.125 / 2);
    assertThat(levels.loudnessDbfs()).isCloseTo(expected, within(1e-6));
    assertThat(levels.speechShare()).isCloseTo(0.5, within(1e-9));
    assertThat(levels.clippingShare()).isZero();
  }

  @Test
  void speechOverSteadyNoiseCountsOnlyTheFramesAboveTheNoiseFloor() {
    // given noise at about -30 dBFS all through, and a loud sine in the first quarter
    Random random = new Random(7);
    float[] audio = new float[4 * RATE];
    for (int i = 0; i < audio.length; i++) {
      audio[i] = (float) (random.nextGaussian() * 0.03);
      if (i < RATE) {
        audio[i] += (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / RATE));
      }
    }
    AudioLevelMeter meter = new AudioLevelMeter();
    meter.add(audio);

    // then the noise, loud as it is, is not speech
    assertThat(meter.levels().speechShare()).isCloseTo(0.25, within(1e-9));
  }

  @Test
  void samplesAtFullScaleAreClipped() {
    float[] audio = sine(0.5, RATE);
    for (int i = 0; i < 160; i++) {
      audio[i] = i % 2 == 0 ? 1.0f : -1.2f;
    }
    AudioLevelMeter meter = new AudioLevelMeter();
    meter.add(audio);

    assertThat(meter.levels().clippingShare()).isCloseTo(160.0 / RATE, within(1e-12));
  }

  @Test
  void blocksReadThroughTheMeasuredStreamAreMeasured() {
    float[] block = sine(0.25, RATE / 2);
    PcmStream source =
        new PcmStream() {
          private int left = 2;

          @Override
          public AudioProbe probe() {
            return null;
          }

          @Override
          public float[] nextBlock() {
            return left-- > 0 ? block : null;
          }

          @Override
          public void close() {}
        };
    AudioLevelMeter meter = new AudioLevelMeter();
    try (PcmStream measured = meter.measure(source)) {
      while (measured.nextBlock() != null) {
        // read to the end, as a segmenter does
      }
    }

    assertThat(meter.levels().loudnessDbfs())
        .isCloseTo(10 * Math.log10(0.25 * 0.25 / 2), within(1e-6));
    assertThat(meter.levels().speechShare()).isEqualTo(1.0);
  }

  @Test
  void nothingDecodedIsSilence() {
    assertThat(new AudioLevelMeter().levels()).isEqualTo(new AudioLevels(-120, 0, 0));
  }

  private static float[] sine(double amplitude, int samples) {
    float[] audio = new float[samples];
    for (int i = 0; i < samples; i++) {
      audio[i] = (float) (amplitude * Math.sin(2 * Math.PI * 400 * i / RATE));
    }
    return audio;
  }
}
