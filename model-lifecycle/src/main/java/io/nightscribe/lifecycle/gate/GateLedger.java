package io.nightscribe.lifecycle.gate;

import io.nightscribe.runs.jdbc.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Model evaluations and the promotion audit trail in the ledger. Thread-safe. */
public class GateLedger {
  private final Sql jdbc;

  public GateLedger(Sql jdbc) {
    this.jdbc = jdbc;
  }

  /** An evaluation as recorded. */
  public record EvaluationRow(
      String evaluationId,
      String modelName,
      String championVersion,
      String challengerVersion,
      String setUri,
      String setSha256,
      boolean passed,
      String resultJson,
      String evaluatedBy,
      Instant evaluatedAt,
      Optional<String> mlflowRunId) {}

  /** A promotion or rollback as recorded. */
  public record PromotionRow(
      String promotionId,
      String modelName,
      String action,
      Optional<String> fromVersion,
      String toVersion,
      Optional<String> evaluationId,
      Optional<String> reason,
      String decidedBy,
      Instant decidedAt) {}

  public void recordEvaluation(EvaluationRow row) {
    jdbc.sql(
            """
            INSERT INTO ns_model_evaluation (evaluation_id, model_name, champion_version, challenger_version,
              set_uri, set_sha256, passed, result_json, evaluated_by, evaluated_at, mlflow_run_id)
            VALUES (:id, :name, :champion, :challenger, :setUri, :setSha, :passed, :result, :by, :at, :mlflow)
            """)
        .param("id", row.evaluationId())
        .param("name", row.modelName())
        .param("champion", row.championVersion())
        .param("challenger", row.challengerVersion())
        .param("setUri", row.setUri())
        .param("setSha", row.setSha256())
        .param("passed", row.passed())
        .param("result", row.resultJson())
        .param("by", row.evaluatedBy())
        .param("at", row.evaluatedAt())
        .param("mlflow", row.mlflowRunId())
        .update();
  }

  /** The newest evaluation of this challenger against this champion, if any. */
  public Optional<EvaluationRow> latestEvaluation(
      String modelName, String championVersion, String challengerVersion) {
    return jdbc
        .sql(
            """
            SELECT * FROM ns_model_evaluation
            WHERE model_name = :name AND champion_version = :champion AND challenger_version = :challenger
            ORDER BY evaluated_at DESC
            """)
        .param("name", modelName)
        .param("champion", championVersion)
        .param("challenger", challengerVersion)
        .query(GateLedger::evaluation)
        .list()
        .stream()
        .findFirst();
  }

  public void recordPromotion(PromotionRow row) {
    jdbc.sql(
            """
            INSERT INTO ns_model_promotion (promotion_id, model_name, action, from_version, to_version,
              evaluation_id, reason, decided_by, decided_at)
            VALUES (:id, :name, :action, :from, :to, :evaluation, :reason, :by, :at)
            """)
        .param("id", row.promotionId())
        .param("name", row.modelName())
        .param("action", row.action())
        .param("from", row.fromVersion())
        .param("to", row.toVersion())
        .param("evaluation", row.evaluationId())
        .param("reason", row.reason())
        .param("by", row.decidedBy())
        .param("at", row.decidedAt())
        .update();
  }

  /** The newest promotion that made {@code version} the champion, if any. */
  public Optional<PromotionRow> promotionTo(String modelName, String version) {
    return jdbc
        .sql(
            """
            SELECT * FROM ns_model_promotion
            WHERE model_name = :name AND to_version = :version AND action = 'PROMOTE'
            ORDER BY decided_at DESC
            """)
        .param("name", modelName)
        .param("version", version)
        .query(GateLedger::promotion)
        .list()
        .stream()
        .findFirst();
  }

  private static EvaluationRow evaluation(ResultSet rs) throws SQLException {
    return new EvaluationRow(
        rs.getString("evaluation_id"),
        rs.getString("model_name"),
        rs.getString("champion_version"),
        rs.getString("challenger_version"),
        rs.getString("set_uri"),
        rs.getString("set_sha256"),
        rs.getBoolean("passed"),
        rs.getString("result_json"),
        rs.getString("evaluated_by"),
        rs.getTimestamp("evaluated_at").toInstant(),
        Optional.ofNullable(rs.getString("mlflow_run_id")));
  }

  private static PromotionRow promotion(ResultSet rs) throws SQLException {
    return new PromotionRow(
        rs.getString("promotion_id"),
        rs.getString("model_name"),
        rs.getString("action"),
        Optional.ofNullable(rs.getString("from_version")),
        rs.getString("to_version"),
        Optional.ofNullable(rs.getString("evaluation_id")),
        Optional.ofNullable(rs.getString("reason")),
        rs.getString("decided_by"),
        rs.getTimestamp("decided_at").toInstant());
  }
}
