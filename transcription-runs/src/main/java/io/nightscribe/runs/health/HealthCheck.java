package io.nightscribe.runs.health;

import java.util.List;

/**
 * One dependency a night needs, checked on demand: the ledger, MLflow, a pipeline's input and
 * output, its model, its engine. Plain code, so the command line, the scheduler service and a
 * CronJob's init container run the same checks. Implementations are thread-safe.
 */
public interface HealthCheck {

  /** The dependency as reports name it: "ledger", "mlflow", "twi input", "twi model"... */
  String dependency();

  /**
   * The dependencies that must be up for this check to mean anything (an engine cannot load a model
   * that did not resolve): when one is down, this check is skipped.
   */
  default List<String> requires() {
    return List.of();
  }

  /**
   * Checks the dependency now and says what was found. It runs under a deadline: a check that does
   * not return in time counts as down.
   *
   * @return what was found, for people: "PostgreSQL 15.18", "s3://out/ writable"
   * @throws RuntimeException when the dependency is down, its message the one-line reason and fix
   */
  String check();
}
