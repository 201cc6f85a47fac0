package io.nightscribe.batch.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing a render: whole files, unchanged ones left alone, gone ones deleted, nothing else. */
class RenderedFilesTest {
  @TempDir Path folder;

  @Test
  void rewritesOnlyWhatChangedAndDeletesOnlyWhatItWroteBefore() throws IOException {
    Files.writeString(folder.resolve("README.md"), "mine");
    var first = files(Map.of("base/a.yaml", "a: 1\n", "jobs/b.yaml", "b: 1\n"));

    RenderedFiles.WriteSummary written = first.write(folder);

    assertThat(written.written()).containsExactly("base/a.yaml", "jobs/b.yaml");
    assertThat(Files.readString(folder.resolve(RenderedFiles.LIST_FILE)))
        .isEqualTo("base/a.yaml\njobs/b.yaml\n");
    assertThat(first.write(folder).written()).isEmpty();

    RenderedFiles.WriteSummary second = files(Map.of("base/a.yaml", "a: 2\n")).write(folder);

    assertThat(second.written()).containsExactly("base/a.yaml");
    assertThat(second.removed()).containsExactly("jobs/b.yaml");
    assertThat(folder.resolve("jobs/b.yaml")).doesNotExist();
    assertThat(folder.resolve("base/a.yaml")).hasContent("a: 2");
    assertThat(folder.resolve("README.md")).hasContent("mine");
    try (var leftovers = Files.list(folder.resolve("base"))) {
      assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactly("a.yaml");
    }
  }

  @Test
  void aListThatPointsOutsideTheFolderDeletesNothingThere() throws IOException {
    Path outside =
        Files.writeString(folder.resolveSibling(folder.getFileName() + "-keep.txt"), "keep");
    Path output = Files.createDirectories(folder.resolve("out"));
    Files.writeString(
        output.resolve(RenderedFiles.LIST_FILE), "../../" + outside.getFileName() + "\n");

    assertThat(files(Map.of("base/a.yaml", "a: 1\n")).write(output).removed()).isEmpty();
    assertThat(outside).hasContent("keep");
    Files.delete(outside);
  }

  private static RenderedFiles files(Map<String, String> files) {
    return new RenderedFiles(new TreeMap<>(files));
  }
}
