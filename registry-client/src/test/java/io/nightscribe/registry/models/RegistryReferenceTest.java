package io.nightscribe.registry.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RegistryReferenceTest {
  @Test
  void readsAliasesAndVersionsAndWritesThemBack() {
    RegistryReference alias = RegistryReference.parse("models:/twi-asr@champion").orElseThrow();
    RegistryReference version = RegistryReference.parse("models:/twi-asr/7").orElseThrow();

    assertThat(alias.alias()).contains("champion");
    assertThat(version.version()).contains("7");
    assertThat(alias).hasToString("models:/twi-asr@champion");
    assertThat(version).hasToString("models:/twi-asr/7");
    assertThat(RegistryReference.exact("twi-asr", "7")).isEqualTo(version);
  }

  @Test
  void otherReferencesAreNotRegistryReferencesAndMalformedOnesAreRefused() {
    assertThat(RegistryReference.parse("file:///models/twi")).isEmpty();
    assertThatThrownBy(() -> RegistryReference.parse("models:/twi-asr"))
        .hasMessage(
            "Invalid model reference 'models:/twi-asr': use models:/NAME@ALIAS or models:/NAME/VERSION");
  }
}
