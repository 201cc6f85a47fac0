package io.nightscribe.batch.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Inputs a night must survive: each kind either transcribed or quarantined with its own reason,
 * none hanging the night or exhausting its memory. Generated once per test JVM from flite speech,
 * the ffmpeg command line and bytes written here (lying RIFF headers, oversized ID3 tags, garbage),
 * so nothing binary is committed.
 *
 * <p>Expectations hold for a run whose decode budget allows {@link #MAX_AUDIO_SETTING} of audio.
 */
public final class HostileCorpus {
  /** The {@code nightscribe.decode-budget.max-audio} the expectations assume. */
  public static final String MAX_AUDIO_SETTING = "10m";

  private static final Path ROOT = Path.of("target", "hostile-corpus").toAbsolutePath();
  private static final String SENTENCE =
      "the quick brown fox jumps over the lazy dog and the nightly job finished before the sun"
          + " came up";
  private static final String OTHER_SENTENCE = "seven silver ships sailed slowly into the harbour";
  private static final int RATE_HZ = 16_000;
  private static final String MP4 = "mov,mp4,m4a,3gp,3g2,mj2";

  private static final class Holder {
    static final HostileCorpus INSTANCE = generate();
  }

  private final List<Kind> kinds;

  private HostileCorpus(List<Kind> kinds) {
    this.kinds = List.copyOf(kinds);
  }

  public static HostileCorpus shared() {
    return Holder.INSTANCE;
  }

  /** Every kind, by key. */
  public List<Kind> kinds() {
    return kinds;
  }

  /** What happens to an input before the night reads it. */
  public enum AfterPlanning {
    NOTHING,
    /** Overwritten with other audio: its ETag is no longer the one listed. */
    REPLACED,
    /** Deleted. */
    DELETED
  }

  /** What the night must make of an input. */
  public enum Outcome {
    TRANSCRIBED,
    /** Transcribed, with an empty transcript: no speech is not an error. */
    TRANSCRIBED_EMPTY,
    QUARANTINED,
    /** Never an input: a "directory marker" key the listing passes over. */
    NOT_LISTED
  }

  /**
   * One kind of hostile input.
   *
   * @param key its key under the night's prefix
   * @param what what is hostile about it
   * @param bytes its content as uploaded
   * @param afterPlanning what happens to it between planning and reading
   * @param outcome what the night must make of it
   * @param stage the quarantine stage (for quarantined kinds)
   * @param reason the specific reason, as it follows "URI: " in the quarantine reason
   */
  public record Kind(
      String key,
      String what,
      byte[] bytes,
      AfterPlanning afterPlanning,
      Outcome outcome,
      String stage,
      String reason) {
    public Kind {
      Objects.requireNonNull(key, "key");
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public String toString() {
      return key + " (" + what + ")";
    }

    static Kind transcribed(String key, String what, byte[] bytes) {
      return new Kind(key, what, bytes, AfterPlanning.NOTHING, Outcome.TRANSCRIBED, null, null);
    }

    static Kind quarantined(String key, String what, byte[] bytes, String stage, String reason) {
      return new Kind(key, what, bytes, AfterPlanning.NOTHING, Outcome.QUARANTINED, stage, reason);
    }
  }

  /** Audio another version of a {@link AfterPlanning#REPLACED} kind is overwritten with. */
  public byte[] replacement() {
    return read(ROOT.resolve("other.wav"));
  }

  private static HostileCorpus generate() {
    try {
      Files.createDirectories(ROOT);
      Path speech = ROOT.resolve("speech.wav");
      run("flite", "-voice", "slt", "-t", SENTENCE, "-o", speech.toString());
      run(
          "flite",
          "-voice",
          "slt",
          "-t",
          OTHER_SENTENCE,
          "-o",
          ROOT.resolve("other.wav").toString());
      byte[] speechWav = read(speech);
      byte[] pcm = dataOf(speechWav);
      byte[] mp3 =
          ffmpeg("speech.mp3", "-i", speech.toString(), "-c:a", "libmp3lame", "-b:a", "64k");
      byte[] flac = ffmpeg("speech.flac", "-i", speech.toString(), "-c:a", "flac");
      return new HostileCorpus(kinds(speech, speechWav, pcm, mp3, flac));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Kind> kinds(
      Path speech, byte[] speechWav, byte[] pcm, byte[] mp3, byte[] flac) throws IOException {
    List<Kind> kinds = new ArrayList<>();
    kinds.add(Kind.transcribed("good/speech.wav", "clean speech, for comparison", speechWav));
    kinds.add(
        Kind.transcribed(
            "video/with-audio.mp4",
            "a video container with an audio track",
            ffmpeg(
                "with-audio.mp4",
                "-f",
                "lavfi",
                "-i",
                "testsrc=size=160x120:rate=10",
                "-i",
                speech.toString(),
                "-map",
                "0:v",
                "-map",
                "1:a",
                "-shortest",
                "-c:v",
                "mpeg4",
                "-c:a",
                "aac",
                "-b:a",
                "64k")));
    kinds.add(
        Kind.quarantined(
            "video/no-audio.mp4",
            "a container with no audio stream",
            ffmpeg(
                "no-audio.mp4",
                "-f",
                "lavfi",
                "-i",
                "testsrc=size=160x120:rate=10:duration=2",
                "-c:v",
                "mpeg4"),
            "decode",
            "no audio stream in the " + MP4 + " container"));
    kinds.add(
        Kind.transcribed(
            "tags/huge-id3.mp3", "an MP3 behind an 8 MiB ID3v2 tag", concat(id3(8 << 20), mp3)));
    kinds.add(
        new Kind(
            "silence/ten-seconds.wav",
            "pure digital silence",
            wav(1, 1, RATE_HZ, 10 * RATE_HZ * 2, new byte[10 * RATE_HZ * 2]),
            AfterPlanning.NOTHING,
            Outcome.TRANSCRIBED_EMPTY,
            null,
            null));
    kinds.add(
        Kind.transcribed(
            "damage/mid-file.mp3",
            "1.5 kB of garbage in the middle of an MP3",
            overwriteMiddle(mp3, 1_500, 7)));
    kinds.add(
        Kind.transcribed(
            "odd/extra-chunks.wav",
            "a WAV with LIST and junk chunks before its data",
            wavWithExtraChunks(pcm)));
    kinds.add(
        Kind.quarantined(
            "empty/zero-bytes.wav",
            "a 0-byte object",
            new byte[0],
            "decode",
            "empty object (0 bytes)"));
    kinds.add(
        Kind.quarantined(
            "empty/no-samples.wav",
            "a WAV header with an empty data chunk",
            wav(1, 1, RATE_HZ, 0, new byte[0]),
            "decode",
            "contains no audio samples"));
    kinds.add(
        Kind.quarantined(
            "lying/claims-5-minutes.wav",
            "a header that declares 5 minutes over 2 seconds of audio",
            wav(1, 1, RATE_HZ, 300 * RATE_HZ * 2, Arrays.copyOf(pcm, 2 * RATE_HZ * 2)),
            "decode",
            "truncated at 2.0 s (the header declares 300.0 s)"));
    kinds.add(
        Kind.quarantined(
            "bomb/declares-18-hours.wav",
            "a 1-second file whose header declares 18.6 hours",
            wav(1, 1, RATE_HZ, 0x7FFF_FFF0, Arrays.copyOf(pcm, RATE_HZ * 2)),
            "too_large",
            "declares 18.6 h of audio, more than the 10.0 min the decode budget allows"));
    kinds.add(
        Kind.quarantined(
            "bomb/endless-silence.flac",
            "a small FLAC of 15 minutes of silence that declares no length",
            ffmpegPiped(
                "endless-silence.flac",
                "-f",
                "lavfi",
                "-i",
                "anullsrc=r=8000:cl=mono",
                "-t",
                "900",
                "-c:a",
                "flac",
                "-f",
                "flac"),
            "too_large",
            "decodes to more than the 10.0 min of audio the decode budget allows"));
    kinds.add(
        Kind.quarantined(
            "bomb/65535-channels.wav",
            "a tiny WAV declaring 65535 channels (FFmpeg drops a layout that large: 0 channels)",
            wav(1, 65_535, RATE_HZ, 4_096, new byte[4_096]),
            "decode",
            "absurd channel count 0 (expected 1 to 64)"));
    kinds.add(
        Kind.quarantined(
            "bomb/huge-rate.wav",
            "a WAV declaring 2147483647 samples per second",
            wav(1, 1, Integer.MAX_VALUE, 4_096, new byte[4_096]),
            "decode",
            "absurd sample rate"));
    kinds.add(
        Kind.quarantined(
            "codec/unknown-format.wav",
            "a WAV of format tag 0x1234, which no decoder knows",
            wav(0x1234, 1, RATE_HZ, pcm.length, pcm),
            "decode",
            "unsupported audio codec"));
    kinds.add(
        Kind.quarantined(
            "truncated/half.flac",
            "a FLAC cut in half",
            Arrays.copyOf(flac, flac.length / 2),
            "decode",
            "truncated at"));
    kinds.add(
        Kind.quarantined(
            "noise/random-bytes.wav",
            "64 KiB of random bytes named .wav",
            random(64 << 10, 11),
            "decode",
            "not an audio file"));
    kinds.add(
        Kind.quarantined(
            "noise/riff-only.wav",
            "a RIFF/WAVE header and nothing else",
            Arrays.copyOf(wav(1, 1, RATE_HZ, 0, new byte[0]), 12),
            "decode",
            "not an audio file"));
    kinds.add(
        Kind.quarantined(
            "not-audio/notes.txt",
            "a text file in the prefix",
            "Meeting notes: call the vendor back on Tuesday.\n".getBytes(StandardCharsets.UTF_8),
            "decode",
            "not an audio file"));
    kinds.add(
        Kind.quarantined(
            "not-audio/meta.json",
            "a JSON file in the prefix",
            "{\"speaker\": \"ama\", \"language\": \"twi\"}\n".getBytes(StandardCharsets.UTF_8),
            "decode",
            "not an audio file"));
    kinds.add(
        new Kind(
            "race/changed.wav",
            "overwritten between listing and reading",
            speechWav,
            AfterPlanning.REPLACED,
            Outcome.QUARANTINED,
            "read",
            "it changed after the run listed it"));
    kinds.add(
        new Kind(
            "race/deleted.wav",
            "deleted between listing and reading",
            speechWav,
            AfterPlanning.DELETED,
            Outcome.QUARANTINED,
            "read",
            "no such object"));
    kinds.add(
        new Kind(
            "folder/",
            "a directory marker key",
            new byte[0],
            AfterPlanning.NOTHING,
            Outcome.NOT_LISTED,
            null,
            null));
    return kinds;
  }

  /** A canonical 44-byte-header 16-bit WAV declaring {@code declaredDataBytes}. */
  private static byte[] wav(
      int formatTag, int channels, int rateHz, int declaredDataBytes, byte[] data) {
    int blockAlign = Math.max(1, channels) * 2;
    ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    header.put(ascii("RIFF")).putInt(36 + declaredDataBytes).put(ascii("WAVE"));
    header.put(ascii("fmt ")).putInt(16).putShort((short) formatTag).putShort((short) channels);
    header.putInt(rateHz).putInt((int) ((long) rateHz * blockAlign)).putShort((short) blockAlign);
    header.putShort((short) 16);
    header.put(ascii("data")).putInt(declaredDataBytes);
    return concat(header.array(), data);
  }

  private static byte[] wavWithExtraChunks(byte[] pcm) {
    byte[] list =
        chunk("LIST", concat(ascii("INFO"), chunk("ICMT", ascii("recorded at night\0\0"))));
    byte[] junk = chunk("junk", new byte[1_000]);
    byte[] fmt =
        ByteBuffer.allocate(16)
            .order(ByteOrder.LITTLE_ENDIAN)
            .putShort((short) 1)
            .putShort((short) 1)
            .putInt(RATE_HZ)
            .putInt(RATE_HZ * 2)
            .putShort((short) 2)
            .putShort((short) 16)
            .array();
    byte[] body = concat(ascii("WAVE"), chunk("fmt ", fmt), list, junk, chunk("data", pcm));
    return chunk("RIFF", body);
  }

  private static byte[] chunk(String id, byte[] content) {
    ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    header.put(ascii(id)).putInt(content.length);
    byte[] padding = new byte[content.length & 1];
    return concat(header.array(), content, padding);
  }

  /** The samples of a canonical WAV such as flite writes. */
  private static byte[] dataOf(byte[] wav) {
    return Arrays.copyOfRange(wav, 44, wav.length);
  }

  /** An ID3v2.3 tag of {@code size} bytes of padding (its size is "syncsafe": 7 bits a byte). */
  private static byte[] id3(int size) {
    byte[] tag = new byte[10 + size];
    tag[0] = 'I';
    tag[1] = 'D';
    tag[2] = '3';
    tag[3] = 3;
    for (int i = 0; i < 4; i++) {
      tag[6 + i] = (byte) ((size >> (7 * (3 - i))) & 0x7F);
    }
    return tag;
  }

  private static byte[] overwriteMiddle(byte[] bytes, int length, long seed) {
    byte[] damaged = bytes.clone();
    byte[] garbage = random(length, seed);
    System.arraycopy(garbage, 0, damaged, damaged.length / 2, length);
    return damaged;
  }

  private static byte[] random(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static byte[] ffmpeg(String name, String... args) {
    Path out = ROOT.resolve(name);
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
    command.addAll(List.of(args));
    command.addAll(List.of("-map_metadata", "-1", out.toString()));
    run(command.toArray(String[]::new));
    return read(out);
  }

  /** ffmpeg writing to a pipe: it cannot go back to fill in the header's length. */
  private static byte[] ffmpegPiped(String name, String... args) {
    Path out = ROOT.resolve(name);
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
    command.addAll(List.of(args));
    command.add("pipe:1");
    run(out, command.toArray(String[]::new));
    return read(out);
  }

  private static void run(String... command) {
    run(null, command);
  }

  private static void run(Path stdout, String... command) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command);
      Path log = Files.createTempFile(ROOT, "command", ".log");
      builder.redirectError(log.toFile());
      builder.redirectOutput(stdout == null ? log.toFile() : stdout.toFile());
      Process process = builder.start();
      if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "Cannot generate the hostile corpus: "
                + String.join(" ", command)
                + " failed (install it with scripts/setup.sh): "
                + Files.readString(log));
      }
      Files.delete(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
