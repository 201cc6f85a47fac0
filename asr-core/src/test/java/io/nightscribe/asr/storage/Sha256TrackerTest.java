package io.nightscribe.asr.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightscribe.asr.ErrorCategory;
import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.Sha256;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Sha256TrackerTest {
  private static final StorageUri URI = StorageUri.parse("s3://bucket/audio/a.wav");

  /** A byte array read by position, counting how many bytes it served. */
  private static final class CountingArray implements Sha256Tracker.RangeReader {
    private byte[] bytes;
    long servedBytes;

    CountingArray(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public int read(long position, byte[] buffer, int offset, int length) {
      if (position >= bytes.length) {
        return -1;
      }
      int n = (int) Math.min(length, bytes.length - position);
      System.arraycopy(bytes, (int) position, buffer, offset, n);
      servedBytes += n;
      return n;
    }
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(42).nextBytes(bytes);
    return bytes;
  }

  private static Sha256Tracker tracker(CountingArray source, long sizeBytes) {
    return new Sha256Tracker(source, new ObjectInfo(URI, sizeBytes, "etag", Optional.empty()));
  }

  private static void readAll(Sha256Tracker tracker, long from, long to, int chunk) {
    byte[] buffer = new byte[chunk];
    for (long p = from; p < to; ) {
      int n = tracker.read(p, buffer, 0, (int) Math.min(chunk, to - p));
      assertThat(n).isPositive();
      p += n;
    }
  }

  @Test
  void sequentialReadHashesEachByteOnceAndFinishesWithoutReadingAgain() {
    // given
    byte[] bytes = randomBytes(1_000_003);
    CountingArray source = new CountingArray(bytes);
    Sha256Tracker tracker = tracker(source, bytes.length);

    // when
    readAll(tracker, 0, bytes.length, 4096);
    String sha = tracker.sha256();

    // then
    assertThat(sha).isEqualTo(Sha256.hex(bytes));
    assertThat(source.servedBytes).isEqualTo(bytes.length);
  }

  @Test
  void forwardSeekLeavesAGapThatSha256ReadsLater() {
    // given
    byte[] bytes = randomBytes(300_000);
    CountingArray source = new CountingArray(bytes);
    Sha256Tracker tracker = tracker(source, bytes.length);

    // when: the head, then a jump to the tail (an index at the end), never the middle
    readAll(tracker, 0, 1000, 512);
    readAll(tracker, 250_000, 300_000, 8192);

    // then
    assertThat(tracker.hashedBytes()).isEqualTo(1000);
    assertThat(tracker.sha256()).isEqualTo(Sha256.hex(bytes));
    assertThat(source.servedBytes).isEqualTo(1000 + 50_000 + 299_000);
  }

  @Test
  void backwardSeekAndOverlappingReadsAreNotHashedTwice() {
    // given
    byte[] bytes = randomBytes(100_000);
    CountingArray source = new CountingArray(bytes);
    Sha256Tracker tracker = tracker(source, bytes.length);

    // when: read ahead, go back to re-read the start, then overlap the hashed edge
    readAll(tracker, 0, 40_000, 1000);
    readAll(tracker, 0, 10_000, 3000);
    readAll(tracker, 39_500, 60_000, 1000);
    readAll(tracker, 20_000, 30_000, 1000);

    // then
    assertThat(tracker.hashedBytes()).isEqualTo(60_000);
    assertThat(tracker.sha256()).isEqualTo(Sha256.hex(bytes));
  }

  @Test
  void sha256IsStableAndLaterReadsDoNotChangeIt() {
    // given
    byte[] bytes = randomBytes(5000);
    Sha256Tracker tracker = tracker(new CountingArray(bytes), bytes.length);
    String first = tracker.sha256();

    // when
    readAll(tracker, 0, bytes.length, 700);

    // then
    assertThat(tracker.sha256()).isEqualTo(first).isEqualTo(Sha256.hex(bytes));
  }

  @Test
  void emptyObjectHasTheDigestOfNothing() {
    Sha256Tracker tracker = tracker(new CountingArray(new byte[0]), 0);

    assertThat(tracker.sha256()).isEqualTo(Sha256.hex(new byte[0]));
  }

  @Test
  void objectShorterThanItsOpenedSizeIsBadInput() {
    // given
    byte[] bytes = randomBytes(1000);
    CountingArray source = new CountingArray(bytes);
    Sha256Tracker tracker = tracker(source, bytes.length);
    readAll(tracker, 0, 500, 100);

    // when
    source.bytes = Arrays.copyOf(bytes, 800);

    // then
    assertThatThrownBy(tracker::sha256)
        .isInstanceOf(NightscribeException.class)
        .hasMessage(
            "Cannot read s3://bucket/audio/a.wav: it changed while reading (it ended at byte 800"
                + " of 1000)")
        .extracting(e -> ((NightscribeException) e).category())
        .isEqualTo(ErrorCategory.BAD_INPUT);
  }

  @Test
  void objectLongerThanItsOpenedSizeIsBadInput() {
    byte[] bytes = randomBytes(1000);
    Sha256Tracker tracker = tracker(new CountingArray(bytes), 900);

    assertThatThrownBy(tracker::sha256)
        .hasMessage(
            "Cannot read s3://bucket/audio/a.wav: it changed while reading (it grew past its size"
                + " of 900 bytes)");
  }
}
