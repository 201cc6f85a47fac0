package io.nightscribe.asr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {
  @Test
  void userInfoInAUrlIsReplaced() {
    assertThat(Redaction.redact("Cannot reach MLflow at http://ci:s3cr3t@mlflow:5000/api: refused"))
        .isEqualTo("Cannot reach MLflow at http://***@mlflow:5000/api: refused");
    assertThat(Redaction.redact("https://token@host")).isEqualTo("https://***@host");
  }

  @Test
  void secretQueryParametersAreReplaced() {
    assertThat(
            Redaction.redact(
                "jdbc:postgresql://db:5432/ledger?user=ns&password=p4ss&ssl=true failed"))
        .isEqualTo("jdbc:postgresql://db:5432/ledger?user=ns&password=***&ssl=true failed");
    assertThat(Redaction.redact("jdbc:sqlserver://db;user=ns;password=p4ss;encrypt=true"))
        .isEqualTo("jdbc:sqlserver://db;user=ns;password=***;encrypt=true");
    assertThat(Redaction.redact("https://b.s3/k?X-Amz-Signature=abc&X-Amz-Date=1"))
        .isEqualTo("https://b.s3/k?X-Amz-Signature=***&X-Amz-Date=1");
  }

  @Test
  void textWithoutCredentialsIsUnchanged() {
    for (String text :
        java.util.List.of(
            "s3://bucket/calls/2026/11/21/a@b.wav",
            "Cannot decode s3://b/k.mp3: truncated MP3 frame at 12.4 s",
            "date=2026-11-21",
            "user@example.org wrote it")) {
      assertThat(Redaction.redact(text)).isEqualTo(text);
    }
  }
}
