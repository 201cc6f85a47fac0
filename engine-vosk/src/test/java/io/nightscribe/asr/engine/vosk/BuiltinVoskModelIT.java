package io.nightscribe.asr.engine.vosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightscribe.asr.model.BuiltinModels;
import io.nightscribe.asr.model.ModelPackage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltinVoskModelIT {
  @TempDir Path cache;

  @Test
  void unpacksTheSmallEnglishModelOnceAndVerifiesItAfterwards() throws Exception {
    // when
    ModelPackage first = new BuiltinModels(cache).get(VoskSmallEnUs.NAME);
    Path descriptor = first.directory().resolve("model.json");
    FileTime written = Files.getLastModifiedTime(descriptor);
    ModelPackage second = new BuiltinModels(cache).get(VoskSmallEnUs.NAME);

    // then
    assertThat(first.name()).isEqualTo("vosk-model-small-en-us");
    assertThat(first.version()).isEqualTo("0.3.45");
    assertThat(first.sha256()).isEqualTo(VoskSmallEnUs.SHA256);
    assertThat(first.directory()).isEqualTo(cache.resolve("vosk-model-small-en-us-0.3.45"));
    assertThat(first.directory().resolve("am/final.mdl")).isRegularFile();
    assertThat(Files.readString(descriptor))
        .isEqualTo(
            "{\"engine\":\"vosk\",\"format\":\"kaldi\",\"license\":\"Apache-2.0\","
                + "\"name\":\"vosk-model-small-en-us\","
                + "\"origin\":\"com.alphacephei:vosk-model-en:0.3.45\",\"sampleRateHz\":16000,"
                + "\"version\":\"0.3.45\"}");
    assertThat(second).isEqualTo(first);
    assertThat(Files.getLastModifiedTime(descriptor)).isEqualTo(written);
    try (var left = Files.list(cache)) {
      // the package and the stamp of its digest; no unpacking leftovers
      assertThat(left)
          .containsExactlyInAnyOrder(
              first.directory(), cache.resolve(".vosk-model-small-en-us-0.3.45.digest"));
    }

    // and when the cached copy is damaged
    Files.writeString(first.directory().resolve("README"), "tampered");
    assertThatThrownBy(() -> new BuiltinModels(cache).get(VoskSmallEnUs.NAME))
        .hasMessageStartingWith(
            "Cannot load model vosk-model-small-en-us 0.3.45: sha256 mismatch (expected "
                + VoskSmallEnUs.SHA256)
        .hasMessageEndingWith("the package is corrupt, delete " + first.directory());
  }
}
