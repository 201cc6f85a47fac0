package io.nightscribe.spark;

import io.nightscribe.asr.NightscribeException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses, before anything is submitted, an application a Spark standalone cluster could never run:
 * executors asking for more GPUs than any worker has would leave the driver waiting forever
 * ("Initial job has not accepted any resources"). Reads the workers from the master's JSON status
 * page, at {@value #MASTER_WEB_UI_CONF} or port 8080 of the master's host.
 */
final class ClusterCapacity {
  /** The standalone master's web UI, when it is not on port 8080 of the master's host. */
  static final String MASTER_WEB_UI_CONF = "spark.nightscribe.masterWebUi";

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private ClusterCapacity() {}

  /**
   * @throws NightscribeException CONFIGURATION when no alive worker has the GPUs one executor asks
   *     for, or the master cannot be asked
   */
  static void requireGpus(SparkConf conf) {
    String master = conf.get("spark.master", "");
    int gpusPerExecutor = conf.getInt("spark.executor.resource.gpu.amount", 0);
    if (!master.startsWith("spark://") || gpusPerExecutor == 0) {
      return;
    }
    URI status = statusPage(conf, master);
    JsonNode state = read(status, master);
    List<String> offers = new ArrayList<>();
    for (JsonNode worker : state.path("workers")) {
      if (!"ALIVE".equals(worker.path("state").asString(""))) {
        continue;
      }
      int gpus = worker.path("resources").path("gpu").path("addresses").size();
      offers.add(worker.path("host").asString("?") + " " + gpus);
      if (gpus >= gpusPerExecutor) {
        return;
      }
    }
    throw NightscribeException.configuration(
        "Cannot run on "
            + master
            + ": each executor asks for "
            + gpusPerExecutor
            + " GPUs and no worker has that many (GPUs per alive worker: "
            + (offers.isEmpty() ? "no alive worker" : String.join(", ", offers))
            + "); lower gpus-per-executor or add GPU workers");
  }

  private static URI statusPage(SparkConf conf, String master) {
    String webUi = conf.get(MASTER_WEB_UI_CONF, "");
    if (!webUi.isBlank()) {
      return URI.create(webUi.replaceAll("/+$", "") + "/json/");
    }
    String host = URI.create(master.replace("spark://", "http://")).getHost();
    return URI.create("http://" + host + ":8080/json/");
  }

  private static JsonNode read(URI status, String master) {
    try {
      HttpResponse<String> response =
          HttpClient.newBuilder()
              .connectTimeout(TIMEOUT)
              .build()
              .send(
                  HttpRequest.newBuilder(status).timeout(TIMEOUT).GET().build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException("HTTP " + response.statusCode());
      }
      return JsonMapper.builder().build().readTree(response.body());
    } catch (IOException e) {
      throw NightscribeException.configuration(
          "Cannot check that "
              + master
              + " has the GPUs the application asks for: its status page "
              + status
              + " answers "
              + e.getMessage()
              + " (set "
              + MASTER_WEB_UI_CONF
              + " to the master's web UI)",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw NightscribeException.internal("Interrupted asking " + status, e);
    }
  }
}
