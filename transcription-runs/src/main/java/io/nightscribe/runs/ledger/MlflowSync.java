package io.nightscribe.runs.ledger;

import com.fasterxml.jackson.annotation.JsonValue;
import io.nightscribe.runs.jdbc.Sql;
import java.util.Locale;

/**
 * Whether a run is mirrored to MLflow: {@link #DISABLED} when no tracking server is configured,
 * {@link #PENDING} while its publication waits in the outbox, {@link #SYNCED} once MLflow has it.
 * Run records and the ledger spell it in lower case ({@link #value()}); sql/ spells these values
 * once, in the check constraint of {@code ns_run.mlflow_state}.
 */
public enum MlflowSync implements Sql.Value {
  DISABLED,
  PENDING,
  SYNCED;

  /** How run.json and the ledger spell it: "disabled", "pending" or "synced". */
  @Override
  @JsonValue
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException for anything but the three values
   */
  public static MlflowSync of(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
