package io.nightscribe.asr.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightscribe.asr.ErrorCategory;
import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.engine.RecognizedWord;
import io.nightscribe.asr.transcript.TranscriptRecord.ModelIdentity;
import io.nightscribe.asr.transcript.TranscriptRecord.Segment;
import io.nightscribe.asr.transcript.TranscriptRecord.Source;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TranscriptJsonTest {

  static TranscriptRecord record(Optional<String> versionId, String firstWord) {
    List<RecognizedWord> words =
        List.of(
            new RecognizedWord(firstWord, 100, 400, 0.91325),
            new RecognizedWord("world", 450, 900, 1.0));
    return new TranscriptRecord(
        new Source("s3://raw/a.wav", versionId, "ab12", 1500, "pcm_s16le", 16000, 1),
        new ModelIdentity("vosk-model-small-en-us", "0.3.45", "cd34"),
        "ef56",
        List.of(new Segment(100, 900, firstWord + " world", 0.956625, words)));
  }

  @Test
  void encodesTheDocumentedCanonicalForm() {
    // given
    TranscriptRecord record = record(Optional.empty(), "hello");

    // when
    String json = new String(TranscriptJson.encode(record), StandardCharsets.UTF_8);

    // then
    assertThat(json)
        .isEqualTo(
            "{\"configHash\":\"ef56\","
                + "\"model\":{\"name\":\"vosk-model-small-en-us\",\"sha256\":\"cd34\",\"version\":\"0.3.45\"},"
                + "\"schemaVersion\":1,"
                + "\"segments\":[{\"confidence\":0.9566,\"endMillis\":900,\"startMillis\":100,"
                + "\"text\":\"hello world\",\"words\":["
                + "{\"confidence\":0.9132,\"endMillis\":400,\"startMillis\":100,\"text\":\"hello\"},"
                + "{\"confidence\":1.0000,\"endMillis\":900,\"startMillis\":450,\"text\":\"world\"}]}],"
                + "\"source\":{\"channels\":1,\"codec\":\"pcm_s16le\",\"durationMillis\":1500,"
                + "\"sampleRateHz\":16000,\"sha256\":\"ab12\",\"uri\":\"s3://raw/a.wav\",\"versionId\":null},"
                + "\"text\":\"hello world\"}");
  }

  @Test
  void sameRecordGivesSameBytesAndSurvivesARoundTrip() {
    // given text that needs escaping and is not ASCII
    TranscriptRecord record = record(Optional.of("v1"), "\"ça\"\\ñ日本");

    // when
    byte[] first = TranscriptJson.encode(record);
    byte[] second = TranscriptJson.encode(record(Optional.of("v1"), "\"ça\"\\ñ日本"));
    TranscriptRecord decoded = TranscriptJson.decode(first);

    // then
    assertThat(second).isEqualTo(first);
    assertThat(TranscriptJson.encode(decoded)).isEqualTo(first);
    assertThat(decoded.source().versionId()).contains("v1");
    assertThat(decoded.segments().get(0).words().get(0).text()).isEqualTo("\"ça\"\\ñ日本");
    assertThat(decoded.segments().get(0).words().get(0).confidence()).isEqualTo(0.9132);
  }

  @Test
  void refusesSomethingThatIsNotATranscript() {
    assertThatThrownBy(() -> TranscriptJson.decode("{\"source\":{}}".getBytes()))
        .isInstanceOf(NightscribeException.class)
        .hasMessage("Cannot read transcript: no field 'model'")
        .extracting(e -> ((NightscribeException) e).category())
        .isEqualTo(ErrorCategory.BAD_INPUT);
  }
}
