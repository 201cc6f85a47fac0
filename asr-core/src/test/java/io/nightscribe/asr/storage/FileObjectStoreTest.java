package io.nightscribe.asr.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightscribe.asr.ErrorCategory;
import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileObjectStoreTest {
  private final FileObjectStore store = new FileObjectStore();
  @TempDir Path root;

  private StorageUri uri(String relative) {
    return StorageUri.ofPath(root, true).resolve(relative);
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(7).nextBytes(bytes);
    return bytes;
  }

  private List<String> listRelative(String prefix) {
    StorageUri base = StorageUri.ofPath(root, true);
    try (Stream<ObjectInfo> listing = store.list(uri(prefix))) {
      return listing.map(info -> base.relativize(info.uri())).toList();
    }
  }

  @Test
  void listsNestedFoldersRecursivelyInGlobalKeyOrder() throws IOException {
    // given: names where per-folder name order and key order differ ("a-b" < "a/" < "a0")
    for (String key : List.of("a/x.wav", "a-b.wav", "a0.wav", "a/b/c.wav", "a/b.wav", "B.wav")) {
      store.write(uri(key), new byte[] {1});
    }
    Files.createDirectories(root.resolve("empty/folder"));

    // when
    List<String> keys = listRelative("");

    // then
    assertThat(keys)
        .containsExactly("B.wav", "a-b.wav", "a/b.wav", "a/b/c.wav", "a/x.wav", "a0.wav")
        .isSorted();
  }

  @Test
  void listsOnlyUnderAPrefixThatIsAFolderOrAPartialName() {
    // given
    for (String key : List.of("day/2024-01-01.wav", "day/2024-02-01.wav", "day/x/2024.wav")) {
      store.write(uri(key), new byte[] {1});
    }

    // when / then
    assertThat(listRelative("day/2024-01")).containsExactly("day/2024-01-01.wav");
    assertThat(listRelative("day/x/")).containsExactly("day/x/2024.wav");
    assertThat(listRelative("missing/")).isEmpty();
  }

  @Test
  void listingEntersEachFolderOnlyWhenItGetsThere() {
    // given
    store.write(uri("lazy/a/1.bin"), new byte[] {1});
    store.write(uri("lazy/c/1.bin"), new byte[] {1});

    try (Stream<ObjectInfo> listing = store.list(uri("lazy/"))) {
      var objects = listing.iterator();
      StorageUri first = objects.next().uri();

      // when: a file appears in a folder the walk has not entered yet
      store.write(uri("lazy/c/0.bin"), new byte[] {1});

      // then
      assertThat(first).isEqualTo(uri("lazy/a/1.bin"));
      assertThat(objects.next().uri()).isEqualTo(uri("lazy/c/0.bin"));
      assertThat(objects.next().uri()).isEqualTo(uri("lazy/c/1.bin"));
      assertThat(objects.hasNext()).isFalse();
    }
  }

  @Test
  void writeReplacesAtomicallyAndLeavesNoTemporaryFile() throws IOException {
    // given
    StorageUri target = uri("out/t.json");
    store.write(target, "old".getBytes());
    SeekableObject openedBefore = store.open(target);

    // when
    ObjectInfo written = store.write(target, "new content".getBytes());

    // then: readers of the old file keep the old bytes; the folder holds only the target
    byte[] old = new byte[10];
    assertThat(openedBefore.read(0, old, 0, 10)).isEqualTo(3);
    assertThat(openedBefore.sha256()).isEqualTo(Sha256.hex("old".getBytes()));
    openedBefore.close();
    assertThat(Files.readString(target.toPath())).isEqualTo("new content");
    try (Stream<Path> files = Files.list(root.resolve("out"))) {
      assertThat(files).containsExactly(target.toPath());
    }
    assertThat(written).isEqualTo(store.stat(target).orElseThrow());
    assertThat(written.sizeBytes()).isEqualTo(11);
    assertThat(written.versionId()).isEmpty();
  }

  @Test
  void failedWriteKeepsTheOldObjectAndRemovesTheTemporaryFile() throws IOException {
    // given
    StorageUri target = uri("out/t.json");
    store.write(target, "old".getBytes());
    InputStream failing =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("disk unplugged");
          }
        };

    // when / then
    assertThatThrownBy(() -> store.write(target, failing))
        .isInstanceOf(NightscribeException.class)
        .hasMessage("Cannot write " + target + ": disk unplugged");
    assertThat(Files.readString(target.toPath())).isEqualTo("old");
    try (Stream<Path> files = Files.list(root.resolve("out"))) {
      assertThat(files).containsExactly(target.toPath());
    }
  }

  @Test
  void sha256OfAStreamedReadEqualsTheDigestOfTheBytes() {
    // given
    byte[] bytes = randomBytes(3_000_001);
    StorageUri target = uri("audio/long.wav");
    store.write(target, bytes);

    // when
    try (SeekableObject object = store.open(target)) {
      byte[] buffer = new byte[65_536];
      long position = 0;
      for (int n; (n = object.read(position, buffer, 0, buffer.length)) > 0; ) {
        position += n;
      }

      // then
      assertThat(position).isEqualTo(bytes.length);
      assertThat(object.sha256()).isEqualTo(Sha256.hex(bytes));
      assertThat(object.info().sizeBytes()).isEqualTo(bytes.length);
    }
  }

  @Test
  void rangedReadsReturnTheBytesAtTheirPositionAndHashStaysRight() {
    // given
    byte[] bytes = randomBytes(100_000);
    StorageUri target = uri("audio/a.m4a");
    store.write(target, bytes);

    try (SeekableObject object = store.open(target)) {
      // when: the tail first (an index at the end), then a slice in the middle
      byte[] tail = new byte[1000];
      int tailRead = object.read(99_000, tail, 0, 1000);
      byte[] middle = new byte[500];
      int middleRead = object.read(40_000, middle, 0, 500);

      // then
      assertThat(tailRead).isEqualTo(1000);
      assertThat(tail).isEqualTo(Arrays.copyOfRange(bytes, 99_000, 100_000));
      assertThat(middleRead).isEqualTo(500);
      assertThat(middle).isEqualTo(Arrays.copyOfRange(bytes, 40_000, 40_500));
      assertThat(object.read(100_000, tail, 0, 10)).isEqualTo(-1);
      assertThat(object.sha256()).isEqualTo(Sha256.hex(bytes));
    }
  }

  @Test
  void statGivesSizeAndAnEtagThatChangesWithTheContent() {
    // given
    StorageUri target = uri("s.bin");
    ObjectInfo first = store.write(target, new byte[] {1, 2, 3});

    // when
    ObjectInfo second = store.write(target, new byte[] {1, 2, 3, 4});

    // then
    assertThat(first.etag()).hasSize(32).isNotEqualTo(second.etag());
    assertThat(store.stat(target)).contains(second);
    assertThat(store.stat(uri("none.bin"))).isEmpty();
  }

  @Test
  void deleteRemovesAndIgnoresMissingObjects() {
    StorageUri target = uri("d.bin");
    store.write(target, new byte[] {1});

    store.delete(target);
    store.delete(target);

    assertThat(store.stat(target)).isEmpty();
  }

  @Test
  void openingAMissingFileIsBadInput() {
    StorageUri missing = uri("nope.wav");

    assertThatThrownBy(() -> store.open(missing))
        .isInstanceOf(NightscribeException.class)
        .hasMessage("Cannot read " + missing + ": no such file")
        .extracting(e -> ((NightscribeException) e).category())
        .isEqualTo(ErrorCategory.BAD_INPUT);
  }

  @Test
  void openingAVersionIsAConfigurationError() {
    StorageUri target = uri("v.wav");

    assertThatThrownBy(() -> store.open(target, "3HL4kqtJlcpXroDTDmJ"))
        .isInstanceOf(NightscribeException.class)
        .hasMessage(
            "Cannot read "
                + target
                + " at version 3HL4kqtJlcpXroDTDmJ: file:// storage has no versions (replay from a"
                + " versioned s3:// bucket, or read the current file)")
        .extracting(e -> ((NightscribeException) e).category())
        .isEqualTo(ErrorCategory.CONFIGURATION);
  }
}
