package io.nightscribe.asr.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightscribe.asr.storage.StorageUri;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DatedLocationTemplateTest {
  private static final LocalDate DATE = LocalDate.of(2026, 11, 21);

  @Test
  void resolvesAPatternedDate() {
    var template = DatedLocationTemplate.parse("s3://raw-audio/twi/{date:yyyy/MM/dd}/");

    assertThat(template.resolve(DATE))
        .isEqualTo(StorageUri.parse("s3://raw-audio/twi/2026/11/21/"));
  }

  @Test
  void resolvesThePlainPlaceholderAsIsoDateEverywhereItAppears() {
    var template = DatedLocationTemplate.parse("file:///data/{date}/calls-{date:yyyyMMdd}/");

    assertThat(template.resolve(DATE).toString())
        .isEqualTo("file:///data/2026-11-21/calls-20261121/");
  }

  @Test
  void keepsALocationWithoutPlaceholder() {
    assertThat(DatedLocationTemplate.parse("s3://b/fixed/").resolve(DATE).toString())
        .isEqualTo("s3://b/fixed/");
  }

  @Test
  void rejectsAnInvalidPatternNamingIt() {
    assertThatThrownBy(() -> DatedLocationTemplate.parse("s3://b/{date:yyyy-bb}/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "Invalid date pattern 'yyyy-bb' in location s3://b/{date:yyyy-bb}/");
  }
}
