package io.nightscribe.lifecycle.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.dataset.Voice;
import java.util.List;
import org.junit.jupiter.api.Test;

class VoiceCatalogTest {
  private static final String ESPEAK_LANGUAGES =
      """
      Pty Language       Age/Gender VoiceName          File                 Other Languages
       2  en-gb           --/M      English_(Great_Britain) gmw/en               (en 2)
       2  en-us           --/M      English_(America)  gmw/en-US            (en 3)
       5  en-us           --/F      us-mbrola-1        mb/mb-us1            (en 8)
       9  en              --/F      en-german-1        mb/mb-de1-en
      """;
  private static final String ESPEAK_VARIANTS =
      """
      Pty Language       Age/Gender VoiceName          File                 Other Languages
       5  variant         --/M      Male 3             !v/m3
       5  variant         --/F      Female 2           !v/f2
      """;

  @Test
  void keepsTheCatalogueVoicesThisMachineHas() {
    List<Voice> voices =
        VoiceCatalog.available(
            "Voices available: kal awb_time kal16 slt \n", ESPEAK_LANGUAGES, ESPEAK_VARIANTS);

    assertThat(voices)
        .extracting(Voice::toString)
        .containsExactly(
            "espeak-ng:en-gb",
            "espeak-ng:en-gb+f2",
            "espeak-ng:en-gb+m3",
            "espeak-ng:en-us",
            "espeak-ng:en-us+f2",
            "espeak-ng:en-us+m3",
            "flite:kal",
            "flite:kal16",
            "flite:slt");
  }

  @Test
  void aMachineWithoutTheSynthesizersVoicesHasNone() {
    assertThat(VoiceCatalog.available("Voices available: awb_time", "", "")).isEmpty();
  }
}
