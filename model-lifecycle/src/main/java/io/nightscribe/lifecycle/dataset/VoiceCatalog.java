package io.nightscribe.lifecycle.dataset;

import io.nightscribe.asr.dataset.Synthesizer;
import io.nightscribe.asr.dataset.Voice;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The English voices a dataset may use, and which of them this machine has, read from what the
 * synthesizers list ({@code flite -lv}, {@code espeak-ng --voices=en}, {@code espeak-ng
 * --voices=variant}).
 */
final class VoiceCatalog {
  /** Flite's general voices; awb_time is left out: it only says the time. */
  static final List<String> FLITE_VOICES = List.of("awb", "kal", "kal16", "rms", "slt");

  /** espeak-ng's English accents (its mbrola voices need a separate program). */
  static final List<String> ESPEAK_LANGUAGES =
      List.of(
          "en-029",
          "en-gb",
          "en-gb-scotland",
          "en-gb-x-gbclan",
          "en-gb-x-rp",
          "en-us",
          "en-us-nyc");

  /** espeak-ng voice variants: its default voice, then male and female ones. */
  static final List<String> ESPEAK_VARIANTS = List.of("", "m3", "m5", "f2", "f3", "f4");

  private static final Pattern VARIANT_FILE = Pattern.compile("!v/(\\S+)");

  private VoiceCatalog() {}

  /**
   * The voices of the catalogue this machine has, sorted.
   *
   * @param fliteVoices what {@code flite -lv} prints ("Voices available: kal awb_time ...")
   * @param espeakLanguages what {@code espeak-ng --voices=en} prints: a table whose second column
   *     is the language
   * @param espeakVariants what {@code espeak-ng --voices=variant} prints: files named "!v/NAME"
   */
  static List<Voice> available(String fliteVoices, String espeakLanguages, String espeakVariants) {
    List<Voice> voices = new ArrayList<>();
    Set<String> flite =
        Set.of(fliteVoices.substring(fliteVoices.indexOf(':') + 1).strip().split("\\s+"));
    FLITE_VOICES.stream()
        .filter(flite::contains)
        .forEach(name -> voices.add(new Voice(Synthesizer.FLITE, name)));
    Set<String> languages =
        espeakLanguages
            .lines()
            .map(line -> line.strip().split("\\s+"))
            .filter(columns -> columns.length > 1)
            .map(columns -> columns[1])
            .collect(Collectors.toSet());
    Set<String> variants = new HashSet<>();
    variants.add(""); // a language's own voice needs no variant
    Matcher variant = VARIANT_FILE.matcher(espeakVariants);
    while (variant.find()) {
      variants.add(variant.group(1));
    }
    for (String language : ESPEAK_LANGUAGES) {
      for (String name : ESPEAK_VARIANTS) {
        if (languages.contains(language) && variants.contains(name)) {
          voices.add(
              new Voice(Synthesizer.ESPEAK_NG, name.isEmpty() ? language : language + "+" + name));
        }
      }
    }
    return voices.stream().sorted().toList();
  }
}
