package io.nightscribe.batch.cli;

import io.nightscribe.asr.dataset.DatasetLayout;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.lifecycle.dataset.DatasetBuilder;
import io.nightscribe.lifecycle.dataset.DatasetRequest;
import io.nightscribe.lifecycle.dataset.DatasetSummary;
import io.nightscribe.lifecycle.dataset.SliceTotals;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/** {@code nightscribe dataset}: speech corpora with known text. */
@Command(
    name = "dataset",
    mixinStandardHelpOptions = true,
    description = "Speech datasets with known text, for training and evaluating models.",
    subcommands = {DatasetCommand.Build.class})
public class DatasetCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing command: try 'nightscribe dataset build --help'");
  }

  /** Builds an English corpus from Debian's speech packages. */
  @Command(
      name = "build",
      mixinStandardHelpOptions = true,
      description = {
        "Build an English speech corpus with known text under --output, offline,",
        "from Debian packages, in two slices:",
        "  synthetic  sentences of the fortunes package, each spoken by a flite or",
        "             espeak-ng voice at a rate (espeak-ng: and a pitch) drawn from",
        "             --seed; 30%% of them then get white noise 15-30 dB below the",
        "             speech, a speed change of 5-12%% or reverb;",
        "  real       the prompts of asterisk-core-sounds-en whose text is said as",
        "             written, and the LibriVox and cards clips of",
        "             pocketsphinx-testdata.",
        "Writes audio/<slice>/<id>.wav (16 kHz mono 16-bit), then dataset.json",
        "(seed, voices, settings, tool versions, counts), then manifest.jsonl (one",
        "line per clip: key, audio URI, text, sha256, slice), whose sha256 is the",
        "dataset digest. The same seed and options on the same machine give the",
        "same bytes. Audio already there with the same bytes is not rewritten: run",
        "an interrupted build again to finish it. Needs flite, espeak-ng, sox,",
        "fortunes and Debian's speech packages (scripts/setup.sh installs them)."
      },
      footer = {
        "",
        "Examples:",
        "  nightscribe dataset build --output file:///data/datasets/en-2000/",
        "  nightscribe dataset build --output s3://datasets/en-s7/ --sentences 5000 \\",
        "      --seed 7",
        "  nightscribe dataset build --output file:///tmp/real/ --real-only --json",
        "",
        "Exit codes: 0 built; 1 failed (a program failed, storage error); 2 usage or",
        "configuration error (a program or package missing, too many sentences)."
      })
  static class Build implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--output",
        required = true,
        paramLabel = "URI",
        description = "Where to write the dataset: s3://bucket/prefix/ or file:///folder/.")
    String output;

    @Option(
        names = "--sentences",
        paramLabel = "N",
        defaultValue = "2000",
        description = "Sentences to synthesize (default: ${DEFAULT-VALUE}).")
    int sentences;

    @Option(
        names = "--seed",
        paramLabel = "S",
        defaultValue = "1",
        description =
            "Decides the sentences, voices, rates, pitches and augmentations (default: ${DEFAULT-VALUE}).")
    long seed;

    @ArgGroup(exclusive = true)
    SliceChoice slices = new SliceChoice();

    @Option(
        names = "--workers",
        paramLabel = "N",
        defaultValue = "0",
        description = "Clips made at once (default: 0, one per core).")
    int workers;

    @Option(names = "--json", description = "Print the summary as JSON on standard output.")
    boolean json;

    /** --real-only or --no-real, at most one. */
    static class SliceChoice {
      @Option(names = "--real-only", description = "Only the recorded speech; no synthesis.")
      boolean realOnly;

      @Option(names = "--no-real", description = "Only the synthetic speech.")
      boolean noReal;
    }

    @Override
    public Integer call() {
      DatasetRequest request = request();
      CommandLogging.configure();
      DatasetSummary summary;
      try (ObjectStores stores = ObjectStores.standard()) {
        summary = DatasetBuilder.standard(stores).build(request);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(JsonMapper.builder().build().writeValueAsString(fields(summary)));
      } else {
        print(out, summary);
      }
      return NightscribeCommand.OK;
    }

    private DatasetRequest request() {
      StorageUri root;
      try {
        root = StorageUri.parse(output);
      } catch (IllegalArgumentException e) {
        throw usage("Invalid --output: " + e.getMessage());
      }
      if (slices.realOnly && spec.commandLine().getParseResult().hasMatchedOption("--sentences")) {
        throw usage("Invalid --sentences with --real-only: the real slice synthesizes nothing");
      }
      if (sentences < 0) {
        throw usage("Invalid --sentences " + sentences + ": give 0 or more");
      }
      if (slices.noReal && sentences == 0) {
        throw usage("Invalid --sentences 0 with --no-real: the dataset would be empty");
      }
      if (workers < 0) {
        throw usage("Invalid --workers " + workers + ": give 1 or more, or 0 for one per core");
      }
      Set<String> chosen =
          slices.realOnly
              ? Set.of(DatasetLayout.REAL)
              : slices.noReal
                  ? Set.of(DatasetLayout.SYNTHETIC)
                  : Set.of(DatasetLayout.SYNTHETIC, DatasetLayout.REAL);
      int threads = workers == 0 ? Runtime.getRuntime().availableProcessors() : workers;
      return new DatasetRequest(root, chosen, slices.realOnly ? 0 : sentences, seed, threads);
    }

    private CommandLine.ParameterException usage(String message) {
      return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private static Map<String, Object> fields(DatasetSummary summary) {
      Map<String, Object> slices = new TreeMap<>();
      summary
          .slices()
          .forEach(
              (slice, totals) ->
                  slices.put(
                      slice,
                      Map.of(
                          "clips", totals.clips(), "audioSeconds", totals.audioMillis() / 1000.0)));
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("output", summary.output().toString());
      fields.put("manifest", summary.manifest().toString());
      fields.put("sha256", summary.sha256());
      fields.put("seed", summary.seed());
      fields.put("slices", slices);
      fields.put("audioHours", summary.audioMillis() / 3_600_000.0);
      fields.put("written", summary.written());
      fields.put("unchanged", summary.unchanged());
      return fields;
    }

    private static void print(PrintWriter out, DatasetSummary summary) {
      out.println("Built the dataset " + summary.output() + " from seed " + summary.seed() + ":");
      for (Map.Entry<String, SliceTotals> slice : new TreeMap<>(summary.slices()).entrySet()) {
        out.printf(
            Locale.ROOT,
            "  %-10s %6d clips  %7.2f h%n",
            slice.getKey(),
            slice.getValue().clips(),
            slice.getValue().audioMillis() / 3_600_000.0);
      }
      out.printf(
          Locale.ROOT,
          "  %-10s %6d clips  %7.2f h%n",
          "all",
          summary.slices().values().stream().mapToInt(SliceTotals::clips).sum(),
          summary.audioMillis() / 3_600_000.0);
      out.printf(
          "Audio files: %d written, %d already there.%n", summary.written(), summary.unchanged());
      out.println(
          "Manifest "
              + summary.manifest()
              + " sha256 "
              + summary.sha256()
              + " (the dataset digest)");
    }
  }
}
