package io.nightscribe.batch.config;

import io.nightscribe.asr.audio.AudioDecoder;
import io.nightscribe.asr.evaluation.PromotionGate;
import io.nightscribe.asr.pipeline.PackageTranscriber;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.lifecycle.gate.GateLedger;
import io.nightscribe.lifecycle.gate.ModelEvaluator;
import io.nightscribe.lifecycle.gate.ModelGates;
import io.nightscribe.lifecycle.training.ModelTraining;
import io.nightscribe.registry.models.ModelPackageCache;
import io.nightscribe.registry.models.ModelResolver;
import io.nightscribe.registry.models.RegisteredModels;
import io.nightscribe.runs.jdbc.Sql;
import io.nightscribe.runs.record.CodeVersion;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Model operations: training, and the evaluation gate that promotes and rolls back registered
 * models. What {@code train} and {@code models} start; no Spring Batch.
 */
@Configuration(proxyBeanMethods = false)
public class ModelOperationsConfiguration {

  @Bean
  ModelTraining modelTraining(
      ObjectStores stores,
      AudioDecoder decoder,
      PackageTranscriber transcriber,
      ModelPackageCache cache,
      CodeVersion code,
      NightscribeProperties properties,
      Clock clock) {
    return new ModelTraining(
        stores,
        decoder,
        new ModelEvaluator(stores, transcriber),
        properties.mlflow().client().map(client -> new RegisteredModels(client, cache, clock)),
        code,
        clock,
        properties.gate().bootstrapSamples(),
        properties.gate().seed());
  }

  @Bean
  ModelGates modelGates(
      ModelResolver models,
      ObjectStores stores,
      PackageTranscriber transcriber,
      DataSource ledger,
      NightscribeProperties properties,
      Clock clock,
      JsonMapper json) {
    var gate = properties.gate();
    return new ModelGates(
        models,
        new ModelEvaluator(stores, transcriber),
        new GateLedger(new Sql(ledger)),
        stores,
        new PromotionGate(gate.minImprovement(), gate.maxSliceRegression()),
        gate.bootstrapSamples(),
        gate.seed(),
        clock,
        json);
  }
}
