package io.nightscribe.asr.dataset;

import io.nightscribe.asr.text.WordErrorRate;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts of the recorded speech Debian ships, read from the files its packages hold them in.
 * Stateless and thread-safe.
 */
public final class RecordedSpeechTexts {
  private static final Pattern PROMPT = Pattern.compile("([A-Za-z0-9_/-]+):\\s*(.*)");
  private static final Pattern SPHINX_LINE =
      Pattern.compile("\\s*(?:<s>)?(.*?)(?:</s>)?\\s*\\(([^()]+)\\)\\s*");

  private RecordedSpeechTexts() {}

  /**
   * The texts of asterisk-core-sounds-en's prompts ({@code core-sounds-en.txt}: lines {@code name:
   * Text.}, {@code ;} comments) by prompt name ("vm-nomore", "digits/1"). A prompt whose text is
   * not {@link SpeakableText speakable as written} is left out: the prompts say digits and symbols
   * as words ("press 1", "press *"), and bracketed or parenthesised notes describe sounds
   * ("[beep]", "(10 seconds of silence)") or stage directions rather than words.
   */
  public static Map<String, String> asteriskPrompts(String text) {
    Map<String, String> texts = new TreeMap<>();
    for (String line : text.split("\\R")) {
      Matcher prompt = PROMPT.matcher(line.strip());
      if (line.startsWith(";") || !prompt.matches() || prompt.group(2).matches(".*[\\[\\]()].*")) {
        continue;
      }
      SpeakableText.reference(prompt.group(2))
          .ifPresent(reference -> texts.putIfAbsent(prompt.group(1), reference));
    }
    return texts;
  }

  /**
   * The texts of a Sphinx transcription file (pocketsphinx-testdata: lines {@code <s> words </s>
   * (utterance-id)}) by utterance id, normalised.
   */
  public static Map<String, String> sphinxTranscription(String text) {
    Map<String, String> texts = new TreeMap<>();
    for (String line : text.split("\\R")) {
      Matcher utterance = SPHINX_LINE.matcher(line);
      if (!utterance.matches()) {
        continue;
      }
      String words = String.join(" ", WordErrorRate.normalize(utterance.group(1)));
      if (!words.isEmpty()) {
        texts.put(utterance.group(2).strip(), words);
      }
    }
    return texts;
  }
}
