package io.nightscribe.asr.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightscribe.asr.ErrorCategory;
import io.nightscribe.asr.NightscribeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelPackagesTest {
  @TempDir Path dir;

  private Path packageIn(Path folder) throws Exception {
    Files.createDirectories(folder.resolve("am"));
    Files.writeString(folder.resolve("am/final.mdl"), "weights");
    Files.writeString(folder.resolve("README"), "hello");
    ModelPackages.writeDescriptor(
        folder, new ModelDescriptor("vosk", "kaldi", 16_000, Map.of("name", "m", "lang", "en")));
    return folder;
  }

  @Test
  void readsModelJsonAndKeepsOtherKeysAsProperties() throws Exception {
    // given
    Path folder = packageIn(dir.resolve("m"));

    // when
    ModelPackage loaded = ModelPackages.load(folder);

    // then
    assertThat(Files.readString(folder.resolve("model.json")))
        .isEqualTo(
            "{\"engine\":\"vosk\",\"format\":\"kaldi\",\"lang\":\"en\",\"name\":\"m\","
                + "\"sampleRateHz\":16000}");
    assertThat(loaded.name()).isEqualTo("m");
    assertThat(loaded.version()).isEqualTo("local");
    assertThat(loaded.descriptor())
        .isEqualTo(new ModelDescriptor("vosk", "kaldi", 16_000, Map.of("name", "m", "lang", "en")));
    assertThat(loaded.sha256()).isEqualTo(ModelPackageDigest.of(folder));
  }

  @Test
  void digestDependsOnContentAndNamesNotOnLocation() throws Exception {
    // given two identical packages in different places
    String first = ModelPackageDigest.of(packageIn(dir.resolve("a")));
    String second = ModelPackageDigest.of(packageIn(dir.resolve("b")));

    // when a file changes, or moves
    Files.writeString(dir.resolve("b/README"), "hellO");
    String changed = ModelPackageDigest.of(dir.resolve("b"));
    Files.writeString(dir.resolve("b/README"), "hello");
    Files.move(dir.resolve("b/README"), dir.resolve("b/am/README"));
    String moved = ModelPackageDigest.of(dir.resolve("b"));

    // then
    assertThat(second).isEqualTo(first).hasSize(64);
    assertThat(changed).isNotEqualTo(first);
    assertThat(moved).isNotEqualTo(first);
  }

  @Test
  void aReferenceProfileAddedToAPackageLeavesItsDigestAsItWas() throws Exception {
    Path folder = packageIn(dir.resolve("m"));
    String before = ModelPackageDigest.of(folder);

    Files.writeString(folder.resolve("reference-profile.json"), "{\"objects\":40}");
    Files.writeString(folder.resolve("am/reference-profile.json"), "{}");

    // only the package's own reference profile is left out: the same name deeper down counts
    String withBoth = ModelPackageDigest.of(folder);
    Files.delete(folder.resolve("am/reference-profile.json"));
    assertThat(ModelPackageDigest.of(folder)).isEqualTo(before);
    assertThat(withBoth).isNotEqualTo(before);
  }

  @Test
  void mismatchedDigestSaysThePackageIsCorruptAndWhatToDelete() throws Exception {
    Path folder = packageIn(dir.resolve("m"));
    String found = ModelPackageDigest.of(folder);

    assertThatThrownBy(() -> ModelPackages.load(folder, "m", "3", Optional.of("abc")))
        .isInstanceOf(NightscribeException.class)
        .hasMessage(
            "Cannot load model m 3: sha256 mismatch (expected abc, found "
                + found
                + "): the package is corrupt, delete "
                + folder)
        .extracting(e -> ((NightscribeException) e).category())
        .isEqualTo(ErrorCategory.CONFIGURATION);
    assertThat(ModelPackages.load(folder, "m", "3", Optional.of(found)).version()).isEqualTo("3");
  }

  @Test
  void aCachedPackageIsDigestedOncePerVersionOfItsFiles() throws Exception {
    Path folder = packageIn(dir.resolve("m"));
    String digest = ModelPackageDigest.of(folder);
    ModelPackages.load(folder, "m", "3", Optional.of(digest));
    Path stamp = dir.resolve(".m.digest");
    assertThat(Files.readString(stamp)).startsWith(digest + "\n");

    // a stamp records the digest of the files as they were: a wrong one is believed...
    Files.writeString(stamp, Files.readString(stamp).replace(digest, "f".repeat(64)));
    assertThat(ModelPackages.load(folder, "m", "3", Optional.of("f".repeat(64))).sha256())
        .isEqualTo("f".repeat(64));

    // ...until a file changes: then the package is digested again
    Files.writeString(folder.resolve("README"), "hello again");
    assertThatThrownBy(() -> ModelPackages.load(folder, "m", "3", Optional.of(digest)))
        .hasMessageContaining("sha256 mismatch");
    assertThat(Files.readString(stamp)).startsWith(ModelPackageDigest.of(folder) + "\n");
  }

  @Test
  void folderWithoutModelJsonIsAConfigurationError() {
    assertThatThrownBy(() -> ModelPackages.load(dir, "m", "1", Optional.empty()))
        .hasMessage(
            "Cannot load model m 1: no model.json in "
                + dir
                + " (a model package is a folder with model.json and the engine's files)");
  }
}
