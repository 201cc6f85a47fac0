package io.nightscribe.batch.kubernetes;

/**
 * The Secrets pods read their credentials from. They are referenced, never rendered: create them in
 * the namespace before the first run.
 *
 * @param ledger holds the ledger database's password under key {@code password}; required
 * @param mlflow holds the MLflow bearer token under key {@code token}; optional (a missing Secret
 *     means no token)
 */
public record Secrets(String ledger, String mlflow) {
  public static final String LEDGER_PASSWORD_KEY = "password";
  public static final String MLFLOW_TOKEN_KEY = "token";

  public Secrets {
    KubernetesNames.checkName("the ledger Secret", ledger);
    KubernetesNames.checkName("the MLflow Secret", mlflow);
  }
}
