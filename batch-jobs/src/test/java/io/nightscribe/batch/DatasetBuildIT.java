package io.nightscribe.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.Sha256;
import io.nightscribe.asr.manifest.DatasetEntry;
import io.nightscribe.asr.manifest.JsonLinesManifest;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.batch.testing.NightscribeProcess;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code nightscribe dataset build} with Debian's real programs and packages: a small corpus whose
 * every clip is there with the bytes the manifest names, built the same from the same seed.
 */
class DatasetBuildIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Among its 20 sentences, seed 7 draws clean, noisy, sped and reverberated clips. */
  private static final String SEED = "7";

  @TempDir Path workDir;

  @Test
  void buildsACorpusWhoseManifestNamesEveryClipWithItsBytesAndText() throws Exception {
    var nightscribe = new NightscribeProcess(workDir);
    Path root = workDir.resolve("corpus");

    // when
    var built = build(nightscribe, root, "--seed", SEED);

    // then the summary names the manifest and its digest
    assertThat(built.exitCode()).as(built.toString()).isZero();
    JsonNode summary = JSON.readTree(built.stdout());
    byte[] manifest = Files.readAllBytes(root.resolve("manifest.jsonl"));
    assertThat(summary.get("sha256").asString()).isEqualTo(Sha256.hex(manifest));
    assertThat(summary.get("manifest").asString())
        .isEqualTo(StorageUri.ofPath(root.resolve("manifest.jsonl"), false).toString());

    // and the manifest holds 20 synthetic clips and the real slice
    List<DatasetEntry> entries = JsonLinesManifest.readDataset(manifest);
    List<DatasetEntry> synthetic = slice(entries, "synthetic");
    List<DatasetEntry> real = slice(entries, "real");
    assertThat(synthetic).hasSize(20);
    assertThat(real).hasSizeGreaterThan(400);
    assertThat(summary.get("slices").get("real").get("clips").asInt()).isEqualTo(real.size());

    // and every clip is a 16 kHz mono WAV with the manifest's sha256 and a lower-case text
    for (DatasetEntry entry : entries) {
      byte[] audio = Files.readAllBytes(StorageUri.parse(entry.audio()).toPath());
      assertThat(entry.key()).startsWith("audio/" + entry.slice() + "/").endsWith(".wav");
      assertThat(entry.audio())
          .isEqualTo(StorageUri.ofPath(root.resolve(entry.key()), false).toString());
      assertThat(Sha256.hex(audio)).as(entry.key()).isEqualTo(entry.sha256());
      assertThat(entry.text()).as(entry.key()).matches("[a-z']+( [a-z']+)*");
      AudioFormat format =
          AudioSystem.getAudioFileFormat(new ByteArrayInputStream(audio)).getFormat();
      assertThat(format.getSampleRate()).isEqualTo(16000f);
      assertThat(format.getChannels()).isEqualTo(1);
    }
    assertThat(synthetic)
        .allSatisfy(entry -> assertThat(entry.text().split(" ")).hasSizeBetween(4, 20));

    // and dataset.json records the seed, the tools, the augmentations drawn and the digest
    JsonNode record = JSON.readTree(root.resolve("dataset.json").toFile());
    assertThat(record.get("seed").asLong()).isEqualTo(7);
    assertThat(record.get("manifest").get("sha256").asString()).isEqualTo(Sha256.hex(manifest));
    assertThat(record.get("tools").propertyNames()).containsExactly("espeak-ng", "flite", "sox");
    assertThat(record.get("synthetic").get("clipsByAugmentation").propertyNames())
        .as(
            "seed 7 draws every augmentation from Debian's fortunes; if they changed, pick a seed that does")
        .containsExactly("noise", "none", "reverb", "speed");

    // when built again in the same place, then nothing is rewritten and the manifest is the same
    var again = build(nightscribe, root, "--seed", SEED);
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(JSON.readTree(again.stdout()).get("written").asInt()).isZero();
    assertThat(Files.readAllBytes(root.resolve("manifest.jsonl"))).isEqualTo(manifest);
  }

  @Test
  void theSameSeedGivesTheSameClipsFromScratchAndAnotherSeedOtherSentences() throws Exception {
    var nightscribe = new NightscribeProcess(workDir);

    // when the synthetic slice is built twice in empty places from one seed, and once from another
    List<DatasetEntry> first = synthesize(nightscribe, workDir.resolve("first"), SEED);
    List<DatasetEntry> second = synthesize(nightscribe, workDir.resolve("second"), SEED);
    List<DatasetEntry> other = synthesize(nightscribe, workDir.resolve("other"), "8");

    // then the same seed gives the same keys, texts and audio bytes
    assertThat(withoutLocation(second)).isEqualTo(withoutLocation(first)).hasSize(20);
    assertThat(other.stream().map(DatasetEntry::text))
        .hasSize(20)
        .isNotEqualTo(first.stream().map(DatasetEntry::text).toList());
  }

  private static NightscribeProcess.Finished build(
      NightscribeProcess nightscribe, Path root, String... options) throws Exception {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "dataset",
                "build",
                "--output",
                StorageUri.ofPath(root, true).toString(),
                "--sentences",
                "20",
                "--json"));
    args.addAll(List.of(options));
    return nightscribe.run(args.toArray(String[]::new));
  }

  private static List<DatasetEntry> synthesize(
      NightscribeProcess nightscribe, Path root, String seed) throws Exception {
    var built = build(nightscribe, root, "--no-real", "--seed", seed);
    assertThat(built.exitCode()).as(built.toString()).isZero();
    return JsonLinesManifest.readDataset(Files.readAllBytes(root.resolve("manifest.jsonl")));
  }

  private static List<DatasetEntry> slice(List<DatasetEntry> entries, String slice) {
    return entries.stream().filter(entry -> entry.slice().equals(slice)).toList();
  }

  /** The entries as they would read anywhere: the audio URI names the folder it was built in. */
  private static List<List<String>> withoutLocation(List<DatasetEntry> entries) {
    return entries.stream().map(e -> List.of(e.key(), e.text(), e.sha256(), e.slice())).toList();
  }
}
