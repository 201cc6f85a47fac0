package io.nightscribe.batch.cli;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.storage.ObjectInfo;
import io.nightscribe.asr.storage.ObjectStore;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.asr.text.WordErrorRate;
import io.nightscribe.asr.transcript.TranscriptJson;
import io.nightscribe.runs.layout.OutputLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/** {@code nightscribe score}: transcripts beside their reference texts, with word error rates. */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description = {
      "Score transcripts against reference texts (word error rate).",
      "Prints each transcript beside its reference with its WER, and the WER over all reference words.",
      "The reference of <key>.json is <key>.txt under --references."
    },
    footer = {
      "",
      "Examples:",
      "  nightscribe score --transcripts file:///data/out/calls/date=2026-11-21/ --references /data/refs",
      "  nightscribe score --transcripts s3://transcripts/adhoc/ --references refs/ --json"
    })
public class ScoreCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--transcripts",
      required = true,
      paramLabel = "URI",
      description =
          "The folder of transcripts (s3:// or file://); run and replay records in it are skipped.")
  String transcripts;

  @Option(
      names = "--references",
      required = true,
      paramLabel = "DIR",
      description = "A local folder of reference texts, <key>.txt for each <key>.json.")
  Path references;

  @Option(names = "--json", description = "Print the scores as JSON on standard output.")
  boolean json;

  @Override
  public Integer call() {
    CommandLogging.configure();
    if (!Files.isDirectory(references)) {
      throw NightscribeException.configuration(
          "Cannot read references in "
              + references
              + ": no such folder (give --references the folder of <key>.txt files)");
    }
    StorageUri folder;
    try {
      folder = StorageUri.parse(transcripts).asPrefix();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Invalid --transcripts: " + e.getMessage());
    }
    Scores scores;
    try (ObjectStores stores = ObjectStores.standard()) {
      scores = score(stores.forUri(folder), folder);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(JsonMapper.builder().build().writeValueAsString(scores));
    } else {
      print(out, scores);
    }
    return NightscribeCommand.OK;
  }

  private Scores score(ObjectStore store, StorageUri folder) {
    List<Score> scored = new ArrayList<>();
    List<String> withoutReference = new ArrayList<>();
    Map<String, Path> unmatched = referenceFiles();
    List<ObjectInfo> objects =
        store
            .list(folder)
            .filter(info -> OutputLayout.isTranscriptKey(folder.relativize(info.uri())))
            .toList();
    for (ObjectInfo object : objects) {
      String relative = folder.relativize(object.uri());
      String key = OutputLayout.inputKey(relative);
      Path reference = unmatched.remove(key);
      if (reference == null) {
        withoutReference.add(key);
        continue;
      }
      String hypothesis = TranscriptJson.decode(store.readAllBytes(object.uri())).text();
      String text = read(reference);
      WordErrorRate wer = WordErrorRate.of(text, hypothesis);
      scored.add(new Score(key, wer.rate(), wer.errors(), wer.referenceWords(), text, hypothesis));
    }
    int errors = scored.stream().mapToInt(Score::errors).sum();
    int words = scored.stream().mapToInt(Score::referenceWords).sum();
    return new Scores(
        words == 0 ? 0 : (double) errors / words,
        words,
        scored,
        List.copyOf(unmatched.keySet()),
        withoutReference);
  }

  /** Reference files by the key of the transcript they belong to. */
  private Map<String, Path> referenceFiles() {
    Map<String, Path> byKey = new TreeMap<>();
    try (Stream<Path> files = Files.walk(references)) {
      files
          .filter(Files::isRegularFile)
          .filter(file -> file.getFileName().toString().endsWith(".txt"))
          .forEach(
              file -> {
                String relative = references.relativize(file).toString().replace('\\', '/');
                byKey.put(relative.substring(0, relative.length() - ".txt".length()), file);
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return byKey;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void print(PrintWriter out, Scores scores) {
    for (Score score : scores.transcripts()) {
      out.printf(Locale.ROOT, "%6.1f%%  %s%n", score.wer() * 100, score.key());
      out.printf("         reference:  %s%n", score.reference());
      out.printf("         transcript: %s%n", score.transcript());
    }
    out.printf(
        Locale.ROOT,
        "WER %.1f%% over %d reference words in %d transcripts.%n",
        scores.wer() * 100,
        scores.referenceWords(),
        scores.transcripts().size());
    if (!scores.withoutTranscript().isEmpty()) {
      out.println(
          "No transcript for "
              + scores.withoutTranscript().size()
              + " references (quarantined or not yet run): "
              + String.join(", ", scores.withoutTranscript()));
    }
    if (!scores.withoutReference().isEmpty()) {
      out.println(
          "No reference for "
              + scores.withoutReference().size()
              + " transcripts: "
              + String.join(", ", scores.withoutReference()));
    }
  }

  /**
   * One transcript against its reference.
   *
   * @param wer errors per reference word
   */
  record Score(
      String key,
      double wer,
      int errors,
      int referenceWords,
      String reference,
      String transcript) {}

  /**
   * Every score, and what could not be paired.
   *
   * @param wer errors over all reference words
   */
  record Scores(
      double wer,
      int referenceWords,
      List<Score> transcripts,
      List<String> withoutTranscript,
      List<String> withoutReference) {}
}
