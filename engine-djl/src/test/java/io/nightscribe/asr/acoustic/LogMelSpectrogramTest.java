package io.nightscribe.asr.acoustic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogMelSpectrogramTest {
  private final LogMelSpectrogram frontEnd =
      new LogMelSpectrogram(16_000, 512, 400, 160, 40, 20, 7600, false);

  @Test
  void aToneLightsTheBandHoldingItsFrequency() {
    float[] low = tone(300, 16_000);
    float[] high = tone(3000, 16_000);

    int lowBand = loudestBand(frontEnd.compute(low), 50);
    int highBand = loudestBand(frontEnd.compute(high), 50);

    assertThat(lowBand).isLessThan(highBand);
    assertThat(centerHz(lowBand)).isBetween(200.0, 420.0);
    assertThat(centerHz(highBand)).isBetween(2600.0, 3400.0);
  }

  @Test
  void framesAdvanceByTheHopAndAShortChunkStillGivesOne() {
    // the last frame is partly past the end: it is zero-padded rather than dropped
    assertThat(frontEnd.frames(16_000)).isEqualTo(99);
    assertThat(frontEnd.compute(new float[16_000]).frames()).isEqualTo(99);
    assertThat(frontEnd.compute(new float[100]).frames()).isEqualTo(1);
    assertThat(frontEnd.samplesPerFrame()).isEqualTo(160);
  }

  @Test
  void standardizedFeaturesDoNotDependOnTheGain() {
    LogMelSpectrogram standardized = LogMelSpectrogram.standard();
    java.util.Random noise = new java.util.Random(1);
    float[] speech = tone(440, 8_000);
    float[] quieter = new float[speech.length];
    for (int i = 0; i < speech.length; i++) {
      speech[i] += (float) (0.05 * noise.nextGaussian());
      quieter[i] = speech[i] * 0.1f;
    }

    float[] loud = standardized.compute(speech).values();
    float[] soft = standardized.compute(quieter).values();

    for (int i = 0; i < loud.length; i++) {
      assertThat(soft[i]).isCloseTo(loud[i], org.assertj.core.data.Offset.offset(1e-3f));
    }
  }

  @Test
  void describesItselfAsModelJsonReadsIt() {
    var described = frontEnd.describe();
    java.util.Map<String, Double> parameters = new java.util.TreeMap<>();
    described.forEach(
        (key, value) -> {
          if (value instanceof Number number) {
            parameters.put(key, number.doubleValue());
          }
        });

    assertThat(LogMelSpectrogram.of(16_000, parameters)).isEqualTo(frontEnd);
  }

  private static float[] tone(double hz, int samples) {
    float[] values = new float[samples];
    for (int i = 0; i < samples; i++) {
      values[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / 16_000));
    }
    return values;
  }

  private static int loudestBand(Features features, int frame) {
    int best = 0;
    for (int band = 1; band < features.dimensions(); band++) {
      if (features.values()[frame * features.dimensions() + band]
          > features.values()[frame * features.dimensions() + best]) {
        best = band;
      }
    }
    return best;
  }

  private static double centerHz(int band) {
    double low = 2595 * Math.log10(1 + 20 / 700.0);
    double high = 2595 * Math.log10(1 + 7600 / 700.0);
    double mel = low + (high - low) * (band + 1) / 41;
    return 700 * (Math.pow(10, mel / 2595) - 1);
  }
}
