package io.nightscribe.batch.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Rendered files by their path relative to the output folder ('/'-separated), sorted. */
public record RenderedFiles(SortedMap<String, String> files) {
  /**
   * Lists what the last render wrote into a folder, so that a render can delete the files of
   * pipelines that are gone without touching anything else there.
   */
  public static final String LIST_FILE = ".nightscribe-rendered";

  public RenderedFiles {
    files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
  }

  /**
   * Writes the files under {@code folder}: changed ones are replaced whole (written beside and
   * moved), unchanged ones left alone, and files the previous render there wrote that this one does
   * not are deleted.
   */
  public WriteSummary write(Path folder) {
    try {
      Files.createDirectories(folder);
      List<String> written = new ArrayList<>();
      for (Map.Entry<String, String> file : files.entrySet()) {
        if (writeIfChanged(folder.resolve(file.getKey()), file.getValue())) {
          written.add(file.getKey());
        }
      }
      List<String> removed = new ArrayList<>();
      for (String previous : previousList(folder)) {
        if (!files.containsKey(previous) && Files.deleteIfExists(folder.resolve(previous))) {
          removed.add(previous);
        }
      }
      writeIfChanged(folder.resolve(LIST_FILE), String.join("\n", files.keySet()) + "\n");
      return new WriteSummary(files.size(), written, removed);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the manifests into " + folder, e);
    }
  }

  private static boolean writeIfChanged(Path file, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
      return false;
    }
    Files.createDirectories(file.getParent());
    Path temporary = Files.createTempFile(file.getParent(), ".rendering-", ".tmp");
    try {
      Files.write(temporary, bytes);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
    return true;
  }

  private static List<String> previousList(Path folder) throws IOException {
    Path list = folder.resolve(LIST_FILE);
    if (!Files.isRegularFile(list)) {
      return List.of();
    }
    return Files.readAllLines(list).stream()
        .filter(line -> !line.isBlank())
        // only paths below the folder: a hand-edited list must not delete anything outside it
        .filter(line -> folder.resolve(line).normalize().startsWith(folder.normalize()))
        .toList();
  }

  /**
   * What a write did.
   *
   * @param files how many files the render has
   * @param written those created or changed
   * @param removed those of the previous render that are gone
   */
  public record WriteSummary(int files, List<String> written, List<String> removed) {
    public WriteSummary {
      written = List.copyOf(written);
      removed = List.copyOf(removed);
    }
  }
}
