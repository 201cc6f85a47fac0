package io.nightscribe.asr.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordedSpeechTextsTest {
  @Test
  void keepsAsteriskPromptsWhoseTextIsSaidAsWritten() {
    String texts =
        """
        ; Core Asterisk Sounds in English

        agent-loginok: Agent logged in.
        call-fwd-no-ans: Call-Forward on No Answer.
        beep: [this is a simple beep tone]
        conf-adminmenu-162: Please press 1 to mute or unmute yourself.
        dictate/both_help: press * to toggle pause
        silence/1: (1 second of silence)
        vm-intro: Please leave your message after the tone. (simple tone sound plays)
        spy-iax2: IAX (note: does not say "2")
        digits/20: twenty
        letters/at: at [@]
        """;

    assertThat(RecordedSpeechTexts.asteriskPrompts(texts))
        .containsExactly(
            java.util.Map.entry("agent-loginok", "agent logged in"),
            java.util.Map.entry("call-fwd-no-ans", "call forward on no answer"),
            java.util.Map.entry("digits/20", "twenty"));
  }

  @Test
  void readsSphinxTranscriptionsByUtteranceId() {
    String transcription =
        """
        <s> he was not an ill disposed young man </s> (sense_and_sensibility_01_austen_64kb-0880)
        <s> ten of clubs  </s> (001)
        not a transcription line
        """;

    assertThat(RecordedSpeechTexts.sphinxTranscription(transcription))
        .containsExactly(
            java.util.Map.entry("001", "ten of clubs"),
            java.util.Map.entry(
                "sense_and_sensibility_01_austen_64kb-0880",
                "he was not an ill disposed young man"));
  }
}
