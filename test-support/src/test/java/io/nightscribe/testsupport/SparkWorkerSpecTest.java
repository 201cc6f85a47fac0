package io.nightscribe.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SparkWorkerSpecTest {
  @Test
  void acceptsLoopbackAddressesAndCopiesTheGpuList() {
    SparkWorkerSpec spec = SparkWorkerSpec.onHost("127.0.0.2", 2, 2048).withGpus("0", "1");

    assertThat(spec).isEqualTo(new SparkWorkerSpec("127.0.0.2", 2, 2048, List.of("0", "1")));
  }

  @Test
  void rejectsWhatWouldLeaveLoopbackOrCannotHostAnExecutor() {
    assertThatThrownBy(() -> SparkWorkerSpec.onHost("10.0.0.1", 2, 2048))
        .hasMessage("Invalid worker host '10.0.0.1': use an address in 127.0.0.0/8");
    assertThatThrownBy(() -> SparkWorkerSpec.onHost("127.0.0.256", 2, 2048))
        .hasMessage("Invalid worker host '127.0.0.256': use an address in 127.0.0.0/8");
    assertThatThrownBy(() -> SparkWorkerSpec.onHost("127.0.0.1", 0, 2048))
        .hasMessage("Invalid worker cores 0: at least 1");
    assertThatThrownBy(() -> SparkWorkerSpec.onHost("127.0.0.1", 1, 256))
        .hasMessage("Invalid worker memory 256 MiB: at least 512");
  }
}
