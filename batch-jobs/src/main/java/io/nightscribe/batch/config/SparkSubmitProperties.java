package io.nightscribe.batch.config;

import io.nightscribe.batch.spark.SparkInstallation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How {@code runner: spark} submits, under {@code nightscribe.spark}: where Spark and the
 * nightscribe Spark application are ({@code scripts/nightscribe} and the image set these), and the
 * cluster of ad-hoc runs, which have no pipeline.
 *
 * @param home a Spark distribution whose {@code bin/spark-submit} to use; empty runs SparkSubmit
 *     from {@code runtime-classpath}
 * @param application the spark-inference jar
 * @param applicationClasspath a file holding the class path of its dependencies
 * @param runtimeClasspath a file holding Spark's class path, where no distribution is used
 * @param driverMemory the driver's heap
 * @param executorWait how long the driver waits for its executors before it gives up
 * @param adHoc the cluster and resources of {@code transcribe --input ... --runner spark}
 */
public record SparkSubmitProperties(
    Path home,
    Path application,
    Path applicationClasspath,
    Path runtimeClasspath,
    @DefaultValue("1g") String driverMemory,
    @DefaultValue("2m") Duration executorWait,
    @DefaultValue SparkProperties adHoc) {

  /**
   * The installation these settings name.
   *
   * @throws io.nightscribe.asr.NightscribeException CONFIGURATION naming what is missing
   */
  public SparkInstallation installation() {
    return SparkInstallation.locate(
        Optional.ofNullable(home).filter(path -> !path.toString().isEmpty()),
        Optional.ofNullable(application),
        Optional.ofNullable(applicationClasspath),
        Optional.ofNullable(runtimeClasspath));
  }
}
