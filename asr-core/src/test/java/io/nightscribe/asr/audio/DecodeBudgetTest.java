package io.nightscribe.asr.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightscribe.asr.ErrorCategory;
import io.nightscribe.asr.storage.SeekableObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DecodeBudgetTest {
  private static final int STREAMING_SIZE = -1; // 0xFFFFFFFF: the writer left the size open

  @Test
  void refusesBeforeDecodingAHeaderThatDeclaresMoreAudioThanAllowed() {
    // given one second of audio whose header declares 2 GiB of 16 kHz mono: 18.6 hours
    byte[] bomb = AudioFixtures.wav(1, 1, 16_000, 0x7FFF_FFF0, 32_000);
    var object = new InMemorySeekableObject("bomb.wav", bomb);

    // when it is opened with the default budget (12 h), then it is too large, said before decoding
    assertThatThrownBy(() -> new FfmpegAudioDecoder().open(object, "s3://in/bomb.wav"))
        .isInstanceOfSatisfying(
            DecodeBudgetExceeded.class,
            e -> {
              assertThat(e.category()).isEqualTo(ErrorCategory.BAD_INPUT);
              assertThat(e.limit()).isEqualTo(DecodeBudgetExceeded.Limit.TOO_LARGE);
              assertThat(e.limit().label()).isEqualTo("too_large");
            })
        .hasMessage(
            "Cannot decode s3://in/bomb.wav: declares 18.6 h of audio, more than the 12.0 h the"
                + " decode budget allows");
  }

  @Test
  void stopsDecodingAtTheLongestAudioAllowed() {
    // given 3 s of audio with no declared length, and a budget of 2 s of audio
    byte[] wav = AudioFixtures.wav(1, 1, 16_000, STREAMING_SIZE, 96_000);
    var decoder =
        new FfmpegAudioDecoder(
            new DecodeBudget(Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ofSeconds(2)));

    // when it is decoded, then decoding stops past 2 s
    try (PcmStream stream = decoder.open(new InMemorySeekableObject("long.wav", wav), "long.wav")) {
      assertThatThrownBy(() -> drain(stream))
          .isInstanceOfSatisfying(
              DecodeBudgetExceeded.class,
              e -> assertThat(e.limit()).isEqualTo(DecodeBudgetExceeded.Limit.TOO_LARGE))
          .hasMessage(
              "Cannot decode long.wav: decodes to more than the 2.0 s of audio the decode budget"
                  + " allows");
    }
  }

  @Test
  void stopsADecodeThatOutrunsItsTimeAndFreesItsNativeResources() {
    // given an object whose every read stalls for 300 ms, and 100 ms of decoding time
    byte[] wav = AudioFixtures.wav(1, 1, 16_000, 96_000, 96_000);
    SeekableObject stalling =
        new InMemorySeekableObject("slow.wav", wav) {
          @Override
          public int read(long position, byte[] buffer, int offset, int length) {
            try {
              Thread.sleep(300);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return super.read(position, buffer, offset, length);
          }
        };
    var decoder =
        new FfmpegAudioDecoder(
            new DecodeBudget(Duration.ofHours(1), Duration.ofMillis(100), Duration.ZERO));
    int sourcesBefore = AvioBridge.openSources();

    // when it is decoded, then it times out, whether in opening or in decoding
    assertThatThrownBy(
            () -> {
              try (PcmStream stream = decoder.open(stalling, "slow.wav")) {
                drain(stream);
              }
            })
        .isInstanceOfSatisfying(
            DecodeBudgetExceeded.class, e -> assertThat(e.limit().label()).isEqualTo("timeout"))
        .hasMessageStartingWith(
            "Cannot decode slow.wav: decoding took longer than its budget (0.1 s plus 0.0 s per"
                + " audio minute) after ");
    // and the stream's AVIO source (with every FFmpeg context) is gone
    assertThat(AvioBridge.openSources()).isEqualTo(sourcesBefore);
  }

  @Test
  void allowsMoreTimeForMoreAudio() {
    var budget =
        new DecodeBudget(Duration.ofHours(1), Duration.ofSeconds(10), Duration.ofSeconds(2));

    assertThat(budget.allowedNanos(-1)).isEqualTo(Duration.ofSeconds(10).toNanos());
    assertThat(budget.allowedNanos(30 * 60_000)).isEqualTo(Duration.ofSeconds(70).toNanos());
    assertThat(budget.allowedNanos(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE / 2);
  }

  @Test
  void refusesBudgetsThatCouldNotDecodeAnything() {
    assertThatThrownBy(() -> new DecodeBudget(Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO))
        .hasMessage("Invalid decode budget: max audio PT0S (at least 1 s)");
    assertThatThrownBy(() -> new DecodeBudget(Duration.ofHours(1), Duration.ZERO, Duration.ZERO))
        .hasMessage("Invalid decode budget: time floor PT0S (more than 0)");
  }

  private static long drain(PcmStream stream) {
    long samples = 0;
    for (float[] block = stream.nextBlock(); block != null; block = stream.nextBlock()) {
      samples += block.length;
    }
    return samples;
  }
}
