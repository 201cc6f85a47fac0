package io.nightscribe.spark;

import java.util.Map;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the run's model on each executor as it starts, before its first task arrives, and closes it
 * when the executor stops. Registered by the driver through {@code spark.plugins}; the run travels
 * in {@value #RUN_CONF}.
 */
public final class NightscribeSparkPlugin implements SparkPlugin {
  private static final Logger log = LoggerFactory.getLogger(NightscribeSparkPlugin.class);

  /** The run's {@link RunReference} as JSON. */
  static final String RUN_CONF = "spark.nightscribe.run";

  /** Decoder threads per task. */
  static final String DECODE_THREADS_CONF = "spark.nightscribe.decodeThreads";

  @Override
  public DriverPlugin driverPlugin() {
    return null;
  }

  @Override
  public ExecutorPlugin executorPlugin() {
    return new ExecutorPlugin() {
      @Override
      public void init(PluginContext context, Map<String, String> extraConf) {
        String run = context.conf().get(RUN_CONF, null);
        if (run == null) {
          return;
        }
        try {
          ExecutorModels.loaded(
              JsonMapper.builder().build().readValue(run, RunReference.class),
              context.conf().getInt(DECODE_THREADS_CONF, 1));
        } catch (RuntimeException e) {
          // the first task meets the same failure and reports it; an executor that cannot start
          // would only be replaced, again and again
          log.warn("Cannot load the run's model ahead of its tasks: {}", e.getMessage());
        }
      }

      @Override
      public void shutdown() {
        ExecutorModels.closeAll();
      }
    };
  }
}
