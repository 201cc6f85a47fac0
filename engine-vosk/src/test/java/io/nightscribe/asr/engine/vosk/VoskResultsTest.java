package io.nightscribe.asr.engine.vosk;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.engine.RecognizedWord;
import org.junit.jupiter.api.Test;

class VoskResultsTest {

  @Test
  void readsWordsInMillisecondsAndClampsConfidence() {
    String json =
        "{\n  \"result\" : [{\n      \"conf\" : 1.000000,\n      \"end\" : 0.57,\n"
            + "      \"start\" : 0.3,\n      \"word\" : \"hello\"\n    }, {\n"
            + "      \"conf\" : 0.613542,\n      \"end\" : 1.0545,\n      \"start\" : 0.6,\n"
            + "      \"word\" : \"world\"\n    }],\n  \"text\" : \"hello world\"\n}";

    assertThat(VoskResults.words(json))
        .containsExactly(
            new RecognizedWord("hello", 300, 570, 1.0),
            new RecognizedWord("world", 600, 1055, 0.613542));
  }

  @Test
  void timesWordsFromAnOriginInTheRecognizersAudio() {
    // a recognizer that heard 24,008 samples (1.5005 s) before: its clock runs on from there
    String json =
        "{\"result\" : [{\"conf\" : 0.5, \"end\" : 2.010500, \"start\" : 1.530500,"
            + " \"word\" : \"again\"}], \"text\" : \"again\"}";

    assertThat(VoskResults.words(json, 24_008))
        .containsExactly(new RecognizedWord("again", 30, 510, 0.5));
  }

  @Test
  void silenceHasNoWords() {
    assertThat(VoskResults.words("{\"text\" : \"\"}")).isEmpty();
  }
}
