package io.nightscribe.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkRuntimeClasspathTest {
  @TempDir Path repo;

  @Test
  void keepsJarFilesOncePerNameAndDropsClassDirectoriesAndCompetingLoggingBackends()
      throws IOException {
    // given
    Path sparkCore = jar("org/apache/spark/spark-core_2.13-4.2.0.jar");
    Path log4jBinding = jar("org/apache/logging/log4j-slf4j2-impl-2.25.5.jar");
    Path logback = jar("ch/qos/logback/logback-classic-1.5.38.jar");
    Path toSlf4j = jar("org/apache/logging/log4j-to-slf4j-2.25.5.jar");
    Path sameNameElsewhere = jar("elsewhere/spark-core_2.13-4.2.0.jar");
    Path classes = Files.createDirectories(repo.resolve("module/target/classes"));
    String classPath =
        String.join(
            File.pathSeparator,
            classes.toString(),
            sparkCore.toString(),
            logback.toString(),
            log4jBinding.toString(),
            toSlf4j.toString(),
            sameNameElsewhere.toString(),
            repo.resolve("missing-1.0.jar").toString(),
            "");

    // when
    List<Path> jars = SparkRuntimeClasspath.select(classPath);

    // then
    assertThat(jars).containsExactly(sparkCore, log4jBinding);
  }

  private Path jar(String relative) throws IOException {
    Path jar = repo.resolve(relative);
    Files.createDirectories(jar.getParent());
    return Files.writeString(jar, "not really a jar");
  }
}
