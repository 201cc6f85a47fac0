package io.nightscribe.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.engine.RecognizedWord;
import io.nightscribe.asr.transcript.TranscriptJson;
import io.nightscribe.asr.transcript.TranscriptRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ScoreCommandTest {
  @TempDir Path transcripts;
  @TempDir Path references;

  @Test
  void pairsEachTranscriptWithItsReferenceAndWeighsTheOverallRateByWords() throws Exception {
    // given one perfect transcript of 4 words and one with 1 substitution in 2 words
    transcript("calls/a.wav", "the quick brown fox");
    reference("calls/a.wav", "The quick, brown fox.");
    transcript("calls/b.mp3", "hello word");
    reference("calls/b.mp3", "hello world");

    // when scored
    Run run = score("--json");

    // then each has its rate and the overall rate is 1 error in 6 words, not the mean of rates
    assertThat(run.exitCode()).isZero();
    JsonNode scores = JsonMapper.builder().build().readTree(run.out());
    assertThat(scores.get("wer").asDouble()).isEqualTo(1.0 / 6);
    assertThat(scores.get("referenceWords").asInt()).isEqualTo(6);
    assertThat(scores.get("transcripts").get(0).get("key").asString()).isEqualTo("calls/a.wav");
    assertThat(scores.get("transcripts").get(0).get("wer").asDouble()).isZero();
    assertThat(scores.get("transcripts").get(1).get("wer").asDouble()).isEqualTo(0.5);
    assertThat(scores.get("transcripts").get(1).get("transcript").asString())
        .isEqualTo("hello word");
  }

  @Test
  void namesReferencesWithoutTranscriptAndTranscriptsWithoutReference() throws Exception {
    transcript("a.wav", "one two");
    reference("a.wav", "one two");
    transcript("extra.wav", "three");
    reference("quarantined.wav", "four five");
    Files.createDirectories(transcripts.resolve("_runs/run-1"));
    Files.writeString(transcripts.resolve("_runs/run-1/run.json"), "{}");

    Run run = score();

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("   0.0%  a.wav")
        .contains("WER 0.0% over 2 reference words in 1 transcripts.")
        .contains("No transcript for 1 references (quarantined or not yet run): quarantined.wav")
        .contains("No reference for 1 transcripts: extra.wav")
        .doesNotContain("run.json");
  }

  @Test
  void aMissingReferenceFolderIsAConfigurationErrorNamingTheOption() {
    Run run =
        run(
            "score",
            "--transcripts",
            transcripts.toUri().toString(),
            "--references",
            references.resolve("nope").toString());

    assertThat(run.exitCode()).isEqualTo(NightscribeCommand.USAGE);
    assertThat(run.err()).contains("no such folder").contains("--references");
  }

  private void transcript(String key, String text) throws Exception {
    List<RecognizedWord> words =
        Arrays.stream(text.split(" ")).map(w -> new RecognizedWord(w, 0, 100, 1.0)).toList();
    var record =
        new TranscriptRecord(
            new TranscriptRecord.Source(
                "file:///in/" + key, Optional.empty(), "ab", 100, "pcm", 16000, 1),
            new TranscriptRecord.ModelIdentity("m", "1", "cd"),
            "ef",
            List.of(new TranscriptRecord.Segment(0, 100, text, 1.0, words)));
    Path file = transcripts.resolve(key + ".json");
    Files.createDirectories(file.getParent());
    Files.write(file, TranscriptJson.encode(record));
  }

  private void reference(String key, String text) throws Exception {
    Path file = references.resolve(key + ".txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, text + "\n");
  }

  private Run score(String... options) {
    String[] args = new String[options.length + 5];
    args[0] = "score";
    args[1] = "--transcripts";
    args[2] = transcripts.toUri().toString();
    args[3] = "--references";
    args[4] = references.toString();
    System.arraycopy(options, 0, args, 5, options.length);
    return run(args);
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = NightscribeCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  private record Run(int exitCode, String out, String err) {}
}
