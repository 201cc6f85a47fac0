package io.nightscribe.asr.engine.vosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightscribe.asr.NightscribeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DitherFreeModelViewTest {
  @TempDir Path model;

  @Test
  void switchesDitherOffWithoutTouchingThePackage() throws Exception {
    // given a Vosk model folder whose mfcc.conf leaves dither at Kaldi's default
    Files.createDirectories(model.resolve("am"));
    Files.writeString(model.resolve("am/final.mdl"), "acoustic model");
    Files.createDirectories(model.resolve("conf"));
    Files.writeString(model.resolve("conf/mfcc.conf"), "--sample-frequency=16000\n--dither=1.0");
    Files.writeString(model.resolve("conf/model.conf"), "--beam=10");

    // when viewed for loading
    Path view;
    try (DitherFreeModelView ditherFree = DitherFreeModelView.of(model)) {
      view = ditherFree.directory();

      // then its mfcc.conf ends with dither off, everything else is the package's own file
      List<String> mfcc = Files.readAllLines(view.resolve("conf/mfcc.conf"));
      assertThat(mfcc).startsWith("--sample-frequency=16000", "--dither=1.0");
      assertThat(mfcc.get(mfcc.size() - 1)).isEqualTo("--dither=0");
      assertThat(Files.isSymbolicLink(view.resolve("am"))).isTrue();
      assertThat(Files.readString(view.resolve("am/final.mdl"))).isEqualTo("acoustic model");
      assertThat(Files.readString(view.resolve("conf/model.conf"))).isEqualTo("--beam=10");
      assertThat(Files.readString(model.resolve("conf/mfcc.conf")))
          .isEqualTo("--sample-frequency=16000\n--dither=1.0");
    }

    // and closing removes the view but not the package
    assertThat(view).doesNotExist();
    assertThat(model.resolve("am/final.mdl")).exists();
  }

  @Test
  void refusesAFolderThatIsNotAVoskModel() {
    assertThatThrownBy(() -> DitherFreeModelView.of(model))
        .isInstanceOf(NightscribeException.class)
        .hasMessageContaining("has no conf/mfcc.conf");
  }
}
