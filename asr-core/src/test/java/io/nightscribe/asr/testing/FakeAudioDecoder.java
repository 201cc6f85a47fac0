package io.nightscribe.asr.testing;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.audio.AudioDecoder;
import io.nightscribe.asr.audio.AudioProbe;
import io.nightscribe.asr.audio.PcmStream;
import io.nightscribe.asr.storage.SeekableObject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes the tiny text objects tests write: {@code words=N} becomes N word slots of {@link
 * FakeSpeech}, {@code words=N pauses=KxS} the same with S silent slots after every K words,
 * delivered in one-second blocks; {@code bad:REASON} fails as a bad input with that reason.
 */
public final class FakeAudioDecoder implements AudioDecoder {

  @Override
  public PcmStream open(SeekableObject source, String displayName) {
    byte[] bytes = new byte[(int) source.info().sizeBytes()];
    int read = 0;
    while (read < bytes.length) {
      int n = source.read(read, bytes, read, bytes.length - read);
      if (n < 0) {
        break;
      }
      read += n;
    }
    String text = new String(bytes, StandardCharsets.UTF_8).trim();
    if (text.startsWith("bad:")) {
      throw NightscribeException.badInput(
          "Cannot decode " + displayName + ": " + text.substring(4));
    }
    float[] samples = speech(text);
    AudioProbe probe = new AudioProbe("fake", "fake", 16_000, 1, samples.length / 16);
    return new PcmStream() {
      private int position;

      @Override
      public AudioProbe probe() {
        return probe;
      }

      @Override
      public float[] nextBlock() {
        if (position >= samples.length) {
          return null;
        }
        int end = Math.min(samples.length, position + 16_000);
        float[] block = Arrays.copyOfRange(samples, position, end);
        position = end;
        return block;
      }

      @Override
      public void close() {}
    };
  }

  private static float[] speech(String text) {
    String[] fields = text.split(" ");
    int words = Integer.parseInt(fields[0].substring("words=".length()));
    if (fields.length == 1) {
      return FakeSpeech.words(words);
    }
    String[] pauses = fields[1].substring("pauses=".length()).split("x");
    return FakeSpeech.withPauses(words, Integer.parseInt(pauses[0]), Integer.parseInt(pauses[1]));
  }
}
