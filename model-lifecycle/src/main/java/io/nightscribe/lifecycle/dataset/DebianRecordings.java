package io.nightscribe.lifecycle.dataset;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.dataset.RecordedSpeechTexts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The recorded English speech Debian ships with its texts (what {@code scripts/prepare-samples.sh}
 * samples from): the prompts of asterisk-core-sounds-en-wav (one speaker, 8 kHz telephone quality,
 * CC-BY-SA-3.0) with the texts of asterisk-core-sounds-en, and the LibriVox and cards clips of
 * pocketsphinx-testdata (16 kHz, BSD).
 *
 * @param asteriskSounds the folder of the prompts' WAV files
 * @param asteriskTexts core-sounds-en.txt.gz
 * @param sphinxData pocketsphinx-testdata's data folder
 */
record DebianRecordings(Path asteriskSounds, Path asteriskTexts, Path sphinxData) {
  /** Where Debian's packages install them. */
  static final DebianRecordings STANDARD =
      new DebianRecordings(
          Path.of("/usr/share/asterisk/sounds/en_US_f_Allison"),
          Path.of("/usr/share/doc/asterisk-core-sounds-en/core-sounds-en.txt.gz"),
          Path.of("/usr/share/pocketsphinx/test/data"));

  /** The pocketsphinx-testdata clips that have a transcription. */
  private static final List<SphinxSet> SPHINX_SETS =
      List.of(
          new SphinxSet("librivox", "transcription", "librivox-"),
          new SphinxSet("cards", "cards.transcription", "cards-"));

  /** A folder of clips, the file of their texts, and the prefix of their ids. */
  private record SphinxSet(String folder, String transcription, String idPrefix) {}

  /**
   * Every recording whose text is said as written (see {@link RecordedSpeechTexts}) and whose audio
   * is there, sorted by id.
   *
   * @throws NightscribeException CONFIGURATION naming the missing package
   */
  List<Recording> list() {
    List<Recording> recordings = new ArrayList<>();
    require(asteriskTexts, "asterisk-core-sounds-en");
    require(asteriskSounds, "asterisk-core-sounds-en-wav");
    Map<String, String> prompts = RecordedSpeechTexts.asteriskPrompts(gunzip(asteriskTexts));
    prompts.forEach(
        (name, text) -> {
          Path audio = asteriskSounds.resolve(name + ".wav");
          if (Files.isRegularFile(audio)) {
            recordings.add(new Recording("asterisk-" + name.replace('/', '-'), audio, text));
          }
        });
    for (SphinxSet set : SPHINX_SETS) {
      Path folder = sphinxData.resolve(set.folder());
      Path transcription = folder.resolve(set.transcription());
      require(transcription, "pocketsphinx-testdata");
      RecordedSpeechTexts.sphinxTranscription(read(transcription))
          .forEach(
              (id, text) -> {
                Path audio = folder.resolve(id + ".wav");
                if (Files.isRegularFile(audio)) {
                  recordings.add(new Recording(set.idPrefix() + id, audio, text));
                }
              });
    }
    recordings.sort(Comparator.comparing(Recording::id));
    return recordings;
  }

  private static void require(Path path, String debianPackage) {
    if (!Files.exists(path)) {
      throw NightscribeException.configuration(
          "Cannot read recorded speech: no "
              + path
              + " (install "
              + debianPackage
              + ": run scripts/setup.sh, or pass --no-real)");
    }
  }

  private static String gunzip(Path file) {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
