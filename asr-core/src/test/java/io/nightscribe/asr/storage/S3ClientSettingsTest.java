package io.nightscribe.asr.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class S3ClientSettingsTest {

  @Test
  void theDefaultsAreFiveAttemptsWithBackoffFrom100MillisTo20SecondsAndAMinutePerAttempt() {
    assertThat(S3ClientSettings.DEFAULTS)
        .isEqualTo(
            new S3ClientSettings(
                5, Duration.ofMillis(100), Duration.ofSeconds(20), Duration.ofSeconds(60)));
  }

  @Test
  void refusesFewerThanOneAttempt() {
    assertThatThrownBy(
            () ->
                new S3ClientSettings(
                    0, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .hasMessage("Invalid S3 max attempts 0: use 1 (no retries) or more");
  }

  @Test
  void refusesABaseDelayAboveTheMaximumBackoff() {
    assertThatThrownBy(
            () ->
                new S3ClientSettings(
                    3, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .hasMessage(
            "Invalid S3 backoff PT2S up to PT1S: the base delay must be 0 or more and at most the"
                + " maximum backoff");
  }

  @Test
  void refusesAnAttemptTimeoutOfZero() {
    assertThatThrownBy(
            () -> new S3ClientSettings(3, Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO))
        .hasMessage("Invalid S3 attempt timeout PT0S: it must be positive");
  }
}
