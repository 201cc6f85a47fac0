package io.nightscribe.runs.partition;

import io.nightscribe.asr.NightscribeException;
import java.util.List;

/** The declared pipelines, by name. Implementations are thread-safe. */
public interface Pipelines {

  /**
   * The pipeline called {@code name}.
   *
   * @throws NightscribeException CONFIGURATION naming the unknown pipeline or the invalid setting,
   *     and the fix
   */
  PipelineDefinition pipeline(String name);

  /** The names of every declared pipeline, sorted. */
  List<String> names();
}
