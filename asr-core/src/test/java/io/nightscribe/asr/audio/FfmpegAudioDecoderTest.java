package io.nightscribe.asr.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.nightscribe.asr.ErrorCategory;
import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.storage.SeekableObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FfmpegAudioDecoderTest {
  private static final int RATE = AudioDecoder.TARGET_SAMPLE_RATE_HZ;
  private static final String MP4 = "mov,mp4,m4a,3gp,3g2,mj2";

  private final AudioDecoder decoder = new FfmpegAudioDecoder();

  static Stream<Arguments> formats() {
    return Stream.of(
        Arguments.of("wav", new String[] {"-c:a", "pcm_s16le"}, "wav", "pcm_s16le", 44_100),
        Arguments.of("flac", new String[] {"-c:a", "flac"}, "flac", "flac", 44_100),
        Arguments.of(
            "mp3", new String[] {"-c:a", "libmp3lame", "-b:a", "64k"}, "mp3", "mp3", 44_100),
        Arguments.of("ogg", new String[] {"-c:a", "libvorbis"}, "ogg", "vorbis", 44_100),
        Arguments.of(
            "opus", new String[] {"-c:a", "libopus", "-ar", "48000"}, "ogg", "opus", 48_000),
        Arguments.of("m4a", new String[] {"-c:a", "aac", "-b:a", "64k"}, MP4, "aac", 44_100));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formats")
  void decodesEachFormatTo16kMonoKeepingTheSignal(
      String extension, String[] codecArgs, String container, String codec, int rateHz) {
    // given a 3 s 440 Hz sine in this format
    Path file = AudioFixtures.sine(extension, codecArgs);

    // when it is decoded
    Decoded decoded = decode(InMemorySeekableObject.of(file), file.getFileName().toString());

    // then the probe describes the input and the samples are 3 s of 440 Hz at 16 kHz
    assertThat(decoded.probe.container()).isEqualTo(container);
    assertThat(decoded.probe.codec()).isEqualTo(codec);
    assertThat(decoded.probe.sampleRateHz()).isEqualTo(rateHz);
    assertThat(decoded.probe.channels()).isEqualTo(1);
    assertThat(decoded.probe.durationMillis()).isCloseTo(3000L, within(80L));
    assertThat(decoded.sampleRateHz).isEqualTo(RATE);
    assertThat(decoded.seconds()).isCloseTo(3.0, within(0.08));
    assertThat(dominantFrequencyHz(decoded.samples)).isCloseTo(440.0, within(5.0));
    assertThat(decoded.maxBlock).isLessThanOrEqualTo(RATE);
  }

  @Test
  void findsTheM4aIndexAtTheEndBySeeking() throws Exception {
    // given an M4A whose moov atom follows the audio (ffmpeg's default without +faststart)
    Path file = AudioFixtures.sine("m4a", "-c:a", "aac", "-b:a", "64k");
    byte[] bytes = Files.readAllBytes(file);
    assertThat(indexOf(bytes, "moov")).isGreaterThan(indexOf(bytes, "mdat"));

    // when it is decoded, then every second is there
    assertThat(decode(InMemorySeekableObject.of(file), "end-index.m4a").seconds())
        .isCloseTo(3.0, within(0.08));
  }

  @Test
  void downmixesStereoByMixingBothChannels() {
    // given stereo whose right channel is the left one inverted
    Path file = AudioFixtures.stereoOppositePhase();

    // when it is decoded
    Decoded decoded = decode(InMemorySeekableObject.of(file), "stereo.wav");

    // then both channels were mixed, and cancel out, rather than one channel being kept; and
    // one resampler served the whole file (rebuilding it per frame loses samples at each seam)
    assertThat(decoded.probe.channels()).isEqualTo(2);
    assertThat(decoded.samples).hasSize(2 * RATE);
    assertThat(rms(decoded.samples)).isLessThan(0.001);
  }

  @Test
  void decodesALongFileInBoundedBlocks() {
    // given 20 minutes of FLAC
    Path file = AudioFixtures.longFlac(1200);

    // when it is decoded block by block
    long total = 0;
    int largest = 0;
    int blocks = 0;
    try (SeekableObject object = new FileSeekableObject(file);
        PcmStream stream = decoder.open(object, "long.flac")) {
      for (float[] block = stream.nextBlock(); block != null; block = stream.nextBlock()) {
        total += block.length;
        largest = Math.max(largest, block.length);
        blocks++;
      }
    }

    // then no block exceeds one second and all 20 minutes arrive
    assertThat(largest).isEqualTo(RATE);
    assertThat(blocks).isGreaterThanOrEqualTo(1200);
    assertThat(total).isCloseTo(1200L * RATE, within(100L));
  }

  @Test
  void decodesManyStreamsAtOnceFromSeveralThreads() throws Exception {
    // given 24 streams open at once, decoded on four threads
    Path flac = AudioFixtures.sine("flac", "-c:a", "flac");
    Path m4a = AudioFixtures.sine("m4a", "-c:a", "aac", "-b:a", "64k");
    int expectedFlac = decode(InMemorySeekableObject.of(flac), "flac").samples.length;
    int expectedM4a = decode(InMemorySeekableObject.of(m4a), "m4a").samples.length;
    List<PcmStream> streams = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<PcmStream>> opened = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        Path file = i % 2 == 0 ? flac : m4a;
        opened.add(pool.submit(() -> decoder.open(InMemorySeekableObject.of(file), "f")));
      }
      for (Future<PcmStream> future : opened) {
        streams.add(future.get());
      }

      // when all of them are read to the end at the same time
      List<Future<Integer>> lengths = new ArrayList<>();
      for (PcmStream stream : streams) {
        lengths.add(pool.submit(() -> drain(stream)));
      }

      // then each gives the same samples as when decoded alone
      for (int i = 0; i < lengths.size(); i++) {
        assertThat(lengths.get(i).get()).isEqualTo(i % 2 == 0 ? expectedFlac : expectedM4a);
      }
    } finally {
      streams.forEach(PcmStream::close);
      pool.shutdown();
    }
  }

  @Test
  void closingTwiceFreesOnceAndAClosedStreamRefusesReads() {
    Path file = AudioFixtures.sine("wav", "-c:a", "pcm_s16le");
    PcmStream stream = decoder.open(InMemorySeekableObject.of(file), "x.wav");
    stream.nextBlock();

    stream.close();
    stream.close();

    assertThatThrownBy(stream::nextBlock)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Stream of x.wav is closed");
  }

  static Stream<Arguments> badInputs() {
    byte[] random = new byte[64 * 1024];
    new Random(42).nextBytes(random);
    byte[] text =
        "Meeting notes: call the vendor back on Tuesday.\n"
            .repeat(40)
            .getBytes(StandardCharsets.UTF_8);
    byte[] subtitles =
        "1\n00:00:00,000 --> 00:00:01,000\nhello\n\n2\n00:00:01,000 --> 00:00:02,000\nworld\n"
            .getBytes(StandardCharsets.UTF_8);
    return Stream.of(
        Arguments.of("empty.wav", new byte[0], "empty object (0 bytes)"),
        Arguments.of(
            "notes.mp3",
            text,
            "not an audio file (FFmpeg: Invalid data found when processing input)"),
        Arguments.of(
            "random.bin",
            random,
            "not an audio file (FFmpeg: Invalid data found when processing input)"),
        Arguments.of("subtitles.srt", subtitles, "no audio stream in the srt container"),
        Arguments.of(
            "tag.wav",
            AudioFixtures.wav(0x7777, 1, 16_000, 32_000, 32_000),
            "unsupported audio codec none (tag 0x7777)"),
        Arguments.of(
            "slow.wav",
            AudioFixtures.wav(1, 1, 500, 32_000, 32_000),
            "absurd sample rate 500 Hz (expected 1000 to 384000)"),
        Arguments.of(
            "fast.wav",
            AudioFixtures.wav(1, 1, 1_000_000, 32_000, 32_000),
            "absurd sample rate 1000000 Hz (expected 1000 to 384000)"),
        Arguments.of(
            "wide.wav",
            AudioFixtures.wav(1, 100, 16_000, 32_000, 32_000),
            "absurd channel count 100 (expected 1 to 64)"),
        Arguments.of(
            "none.wav",
            AudioFixtures.wav(1, 0, 16_000, 32_000, 32_000),
            "absurd channel count 0 (expected 1 to 64)"),
        Arguments.of(
            "silent.wav", AudioFixtures.wav(1, 1, 16_000, 0, 0), "contains no audio samples"),
        Arguments.of(
            "short.wav",
            AudioFixtures.wav(1, 1, 16_000, 96_000, 48_000),
            "truncated at 1.5 s (the header declares 3.0 s)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void rejectsBadInputNamingTheObjectAndTheReason(String name, byte[] bytes, String reason) {
    // given a bad input, when it is decoded, then BAD_INPUT names it and the reason
    assertThatThrownBy(() -> decode(new InMemorySeekableObject(name, bytes), "s3://in/" + name))
        .isInstanceOfSatisfying(
            NightscribeException.class,
            e -> assertThat(e.category()).isEqualTo(ErrorCategory.BAD_INPUT))
        .hasMessage("Cannot decode s3://in/" + name + ": " + reason);
  }

  @Test
  void reportsAFlacCutInHalfAsTruncated() throws Exception {
    // given a FLAC cut in half, as `head -c` would
    byte[] whole = Files.readAllBytes(AudioFixtures.sine("flac", "-c:a", "flac"));
    byte[] half = Arrays.copyOf(whole, whole.length / 2);

    // when decoded, then BAD_INPUT says where the audio stops and what was promised
    assertThatThrownBy(() -> decode(new InMemorySeekableObject("half.flac", half), "half.flac"))
        .isInstanceOf(NightscribeException.class)
        .hasMessageStartingWith("Cannot decode half.flac: truncated at 1.")
        .hasMessageEndingWith(" s (the header declares 3.0 s)");
  }

  @Test
  void passesOnTheObjectsOwnFailureUnchanged() {
    // given an object whose reads fail after 20 kB (say the network went down)
    byte[] bytes = AudioFixtures.wav(1, 1, 16_000, 96_000, 96_000);
    NightscribeException outage =
        NightscribeException.transientFailure("Cannot read s3://in/x.wav: reset", null);
    SeekableObject failing =
        new InMemorySeekableObject("x.wav", bytes) {
          @Override
          public int read(long position, byte[] buffer, int offset, int length) {
            if (position > 20_000) {
              throw outage;
            }
            return super.read(position, buffer, offset, length);
          }
        };

    // when decoded, then the same TRANSIENT failure surfaces, to be retried
    assertThatThrownBy(() -> decode(failing, "x.wav")).isSameAs(outage);
  }

  private Decoded decode(SeekableObject object, String name) {
    try (PcmStream stream = decoder.open(object, name)) {
      float[] all = new float[0];
      int maxBlock = 0;
      for (float[] block = stream.nextBlock(); block != null; block = stream.nextBlock()) {
        maxBlock = Math.max(maxBlock, block.length);
        int start = all.length;
        all = Arrays.copyOf(all, start + block.length);
        System.arraycopy(block, 0, all, start, block.length);
      }
      return new Decoded(stream.probe(), stream.sampleRateHz(), all, maxBlock);
    }
  }

  private static int drain(PcmStream stream) {
    int total = 0;
    for (float[] block = stream.nextBlock(); block != null; block = stream.nextBlock()) {
      total += block.length;
    }
    return total;
  }

  private static double dominantFrequencyHz(float[] samples) {
    int crossings = 0;
    for (int i = 1; i < samples.length; i++) {
      if ((samples[i - 1] < 0) != (samples[i] < 0)) {
        crossings++;
      }
    }
    return crossings / 2.0 / (samples.length / (double) RATE);
  }

  private static double rms(float[] samples) {
    double sum = 0;
    for (float sample : samples) {
      sum += sample * sample;
    }
    return Math.sqrt(sum / samples.length);
  }

  private static int indexOf(byte[] haystack, String needle) {
    return new String(haystack, StandardCharsets.ISO_8859_1).indexOf(needle);
  }

  private record Decoded(AudioProbe probe, int sampleRateHz, float[] samples, int maxBlock) {
    double seconds() {
      return samples.length / (double) sampleRateHz;
    }
  }
}
