package io.nightscribe.registry.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArtifactPathsTest {
  @Test
  void proxyRootIsTheUriPathWithoutSlashes() {
    assertThat(ArtifactPaths.proxyRoot("mlflow-artifacts:/1/abc/artifacts"))
        .isEqualTo("1/abc/artifacts");
    assertThat(ArtifactPaths.proxyRoot("mlflow-artifacts://mlflow.internal:5000/7/abc/artifacts"))
        .isEqualTo("7/abc/artifacts");
  }

  @Test
  void encodesEachSegmentKeepingSlashes() {
    assertThat(ArtifactPaths.encode("1/abc/artifacts/_runs/a b+c.json"))
        .isEqualTo("1/abc/artifacts/_runs/a%20b%2Bc.json");
  }
}
