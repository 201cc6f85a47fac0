package io.nightscribe.batch.config;

import io.nightscribe.asr.audio.AudioDecoder;
import io.nightscribe.asr.audio.FfmpegAudioDecoder;
import io.nightscribe.asr.engine.AsrEngines;
import io.nightscribe.asr.model.BuiltinModels;
import io.nightscribe.asr.pipeline.ExecutorSettings;
import io.nightscribe.asr.pipeline.PackageTranscriber;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.vad.SpeechDetectors;
import io.nightscribe.registry.models.ModelPackageCache;
import io.nightscribe.registry.models.ModelResolver;
import io.nightscribe.registry.models.RegisteredModels;
import io.nightscribe.runs.record.CodeVersion;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every command shares, built from {@code nightscribe.*} settings: the declared pipelines,
 * storage, audio decoding, the installed engines and model resolution.
 */
@Configuration(proxyBeanMethods = false)
public class CoreConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  JsonMapper nightscribeJsonMapper() {
    return JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  }

  @Bean
  PipelineCatalog pipelineCatalog(NightscribeProperties properties) {
    return new PipelineCatalog(properties);
  }

  @Bean
  CodeVersion codeVersion() {
    return CodeVersion.fromClasspath();
  }

  @Bean(destroyMethod = "close")
  ObjectStores objectStores(NightscribeProperties properties) {
    return ObjectStores.standard(properties.s3().clientSettings());
  }

  @Bean
  AudioDecoder audioDecoder(NightscribeProperties properties) {
    return new FfmpegAudioDecoder(properties.decodeBudget().budget());
  }

  @Bean
  ModelPackageCache modelPackageCache(NightscribeProperties properties) {
    return new ModelPackageCache(properties.modelCache());
  }

  @Bean
  ModelResolver modelResolver(
      NightscribeProperties properties, ObjectStores stores, ModelPackageCache cache, Clock clock) {
    return new ModelResolver(
        new BuiltinModels(properties.modelCache()),
        properties.mlflow().client().map(client -> new RegisteredModels(client, cache, clock)),
        stores,
        cache);
  }

  @Bean
  PackageTranscriber packageTranscriber(AudioDecoder decoder, NightscribeProperties properties) {
    return new PackageTranscriber(
        AsrEngines.installed(),
        SpeechDetectors.installed(),
        decoder,
        ExecutorSettings.onCpu(properties.effectiveWorkers()));
  }
}
