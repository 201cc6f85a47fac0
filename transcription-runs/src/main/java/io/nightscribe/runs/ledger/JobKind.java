package io.nightscribe.runs.ledger;

import com.fasterxml.jackson.annotation.JsonValue;
import io.nightscribe.runs.jdbc.Sql;
import java.util.Locale;

/**
 * Why a run was made: a pipeline's night, an ad-hoc input, a backfill's date, or a replay of
 * another run. Run records, MLflow tags and the ledger spell it in lower case ({@link #value()}).
 */
public enum JobKind implements Sql.Value {
  NIGHTLY,
  ADHOC,
  BACKFILL,
  REPLAY;

  /** How records spell it: "nightly", "adhoc", "backfill" or "replay". */
  @Override
  @JsonValue
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException for an unknown kind
   */
  public static JobKind of(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
