package io.nightscribe.runs.layout;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptWriterTest {
  @TempDir Path root;

  @Test
  void aTranscriptNamedLikeARunRecordIsRefusedBeforeItCouldOverwriteOne() {
    TranscriptWriter writer = new TranscriptWriter(ObjectStores.standard());
    // an ad-hoc run writes its transcripts at the root, beside _runs/
    StorageUri adHoc = StorageUri.ofPath(root, true);

    assertThat(writer.refusal(adHoc, "_runs/run-1234/run"))
        .hasValue(
            "Cannot store the transcript: its name _runs/run-1234/run.json would lie among"
                + " nightscribe's own records (_runs/, _replays/, _health/); rename the object or"
                + " move it to another folder");
    assertThat(writer.refusal(adHoc, "_replays/r/replay")).isPresent();
    assertThat(writer.refusal(adHoc, "_health/probe")).isPresent();
    assertThat(writer.refusal(adHoc, "calls/_runs/run-1234/run")).isEmpty();
    assertThat(writer.refusal(adHoc, "_runsheet.wav")).isEmpty();
  }
}
