package io.nightscribe.asr.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

class Pcm16WavTest {
  @Test
  void readsLittleEndianSamples() {
    assertThat(Pcm16Wav.samples(new byte[] {1, 0, (byte) 0xff, (byte) 0xff, 0, (byte) 0x80, 7}))
        .containsExactly((short) 1, (short) -1, Short.MIN_VALUE);
  }

  @Test
  void writesAWavFileThatJavaSoundReadsBackSampleForSample() throws Exception {
    short[] samples = {0, 1, -1, Short.MAX_VALUE, Short.MIN_VALUE};

    byte[] wav = Pcm16Wav.encode(samples, 16000);

    assertThat(wav).hasSize(44 + 10);
    try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
      AudioFormat format = in.getFormat();
      assertThat(format.getSampleRate()).isEqualTo(16000f);
      assertThat(format.getChannels()).isEqualTo(1);
      assertThat(format.getSampleSizeInBits()).isEqualTo(16);
      assertThat(format.isBigEndian()).isFalse();
      assertThat(in.getFrameLength()).isEqualTo(5);
      assertThat(Pcm16Wav.samples(in.readAllBytes())).isEqualTo(samples);
    }
  }
}
