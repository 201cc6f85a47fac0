package io.nightscribe.runs.jdbc;

import io.nightscribe.asr.NightscribeException;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * SQL with named parameters ({@code :name}) over plain JDBC: what the ledgers need, and nothing of
 * an application framework, so the Spark driver and a plain {@code main} use the ledger as the
 * Spring application does. Outside {@link #inTransaction} every statement is its own transaction
 * (auto-commit), so progress recorded survives a kill. Thread-safe; a transaction's {@code Sql}
 * belongs to the thread that runs it.
 *
 * <p>Parameter values: strings, numbers, booleans and null as they are; {@link Instant} as a
 * TIMESTAMP, {@link LocalDate} as a DATE, a {@link Value} as its {@link Value#value()}, another
 * {@link Enum} as its name, an {@link Optional} as its value or null.
 */
public final class Sql {
  private static final Pattern PARAMETER = Pattern.compile("(?<!:):([a-zA-Z][a-zA-Z0-9]*)");

  private final DataSource dataSource;
  private final LedgerRetries retries;
  private final Connection transaction;

  /** Statements on {@code dataSource}, retried as {@link LedgerRetries#standard()} says. */
  public Sql(DataSource dataSource) {
    this(dataSource, LedgerRetries.standard());
  }

  /** Statements on {@code dataSource}, retried after a lost connection as {@code retries} says. */
  public Sql(DataSource dataSource, LedgerRetries retries) {
    this(dataSource, retries, null);
  }

  private Sql(DataSource dataSource, LedgerRetries retries, Connection transaction) {
    this.dataSource = dataSource;
    this.retries = retries;
    this.transaction = transaction;
  }

  /** A type stored in the ledger as a string of its own spelling. */
  public interface Value {
    String value();
  }

  /** Maps one row of a result. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  /** A statement to bind and run. */
  public Statement sql(String text) {
    return new Statement(text);
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   * Nested calls join the outer transaction. When the connection is lost, the whole of {@code work}
   * runs again on a new one, so it must not have effects outside the ledger.
   */
  public <T> T inTransaction(Function<Sql, T> work) {
    if (transaction != null) {
      return work.apply(this);
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return transactionOnce(work);
      } catch (RuntimeException e) {
        if (!retries.retryAfter(attempt, e)) {
          throw e;
        }
      }
    }
  }

  private <T> T transactionOnce(Function<Sql, T> work) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        T result = work.apply(new Sql(dataSource, retries, connection));
        connection.commit();
        return result;
      } catch (RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw failure("Cannot commit a ledger transaction", e);
    }
  }

  /**
   * A failed statement, with the hint that fits it: only a lost connection points at the database's
   * reachability; anything else (a value too long, a constraint) is nightscribe's to fix.
   */
  private static NightscribeException failure(String what, SQLException e) {
    String hint =
        LedgerRetries.connectionLost(e)
            ? "check that the ledger database is reachable"
            : "SQLState "
                + e.getSQLState()
                + ": not a connection problem; report it to nightscribe's maintainers with this"
                + " line";
    return NightscribeException.transientFailure(
        what + ": " + e.getMessage() + " (" + hint + ")", e);
  }

  /** One statement with its parameters. Not thread-safe: bind and run it on one thread. */
  public final class Statement {
    private final String text;
    private final List<String> names = new ArrayList<>();
    private final String jdbcText;
    private final Map<String, Object> values = new HashMap<>();
    private final List<Map<String, Object>> batch = new ArrayList<>();

    private Statement(String text) {
      this.text = text;
      Matcher matcher = PARAMETER.matcher(text);
      StringBuilder jdbc = new StringBuilder();
      while (matcher.find()) {
        names.add(matcher.group(1));
        matcher.appendReplacement(jdbc, "?");
      }
      matcher.appendTail(jdbc);
      this.jdbcText = jdbc.toString();
    }

    public Statement param(String name, Object value) {
      if (!names.contains(name)) {
        throw new IllegalArgumentException("No parameter :" + name + " in " + text);
      }
      values.put(name, value instanceof Optional<?> optional ? optional.orElse(null) : value);
      return this;
    }

    /** Runs an INSERT, UPDATE or DELETE and returns how many rows it touched. */
    public int update() {
      return run(
          statement -> {
            bindAll(statement, values);
            return statement.executeUpdate();
          });
    }

    /**
     * Keeps the values bound so far as one row of a batch, to be run by {@link #updateBatch}, and
     * starts the next row with none bound.
     */
    public Statement addBatch() {
      requireAllBound(values);
      batch.add(new HashMap<>(values));
      values.clear();
      return this;
    }

    /**
     * Runs the statement once for every row added by {@link #addBatch}, as one JDBC batch: one
     * prepared statement and, where the driver can, one round trip, instead of one per row. Does
     * nothing when no row was added.
     */
    public void updateBatch() {
      if (batch.isEmpty()) {
        return;
      }
      run(
          statement -> {
            for (Map<String, Object> row : batch) {
              bindAll(statement, row);
              statement.addBatch();
            }
            return statement.executeBatch();
          });
      batch.clear();
    }

    /** Runs a query whose rows {@code mapper} turns into values. */
    public <T> Query<T> query(RowMapper<T> mapper) {
      return new Query<>(this, mapper);
    }

    /** Runs a query of one column of type {@code type}. */
    public <T> Query<T> query(Class<T> type) {
      return new Query<>(this, row -> row.getObject(1, type));
    }

    private interface Execution<T> {
      T run(Binder statement) throws SQLException;
    }

    private <T> T run(Execution<T> execution) {
      if (transaction != null) {
        return runOn(transaction, execution);
      }
      for (int attempt = 1; ; attempt++) {
        try (Connection connection = dataSource.getConnection()) {
          return runOn(connection, execution);
        } catch (SQLException e) {
          if (!retries.retryAfter(attempt, e)) {
            throw failure("Cannot reach the ledger", e);
          }
        } catch (RuntimeException e) {
          if (!retries.retryAfter(attempt, e)) {
            throw e;
          }
        }
      }
    }

    private <T> T runOn(Connection connection, Execution<T> execution) {
      try (PreparedStatement statement = connection.prepareStatement(jdbcText)) {
        return execution.run(new Binder(statement));
      } catch (SQLException e) {
        throw failure("Cannot run ledger statement " + firstLine(text), e);
      }
    }

    private void bindAll(Binder statement, Map<String, Object> row) throws SQLException {
      requireAllBound(row);
      for (int i = 0; i < names.size(); i++) {
        statement.bind(i + 1, row.get(names.get(i)));
      }
    }

    private void requireAllBound(Map<String, Object> row) {
      for (String name : names) {
        if (!row.containsKey(name)) {
          throw new IllegalStateException("Parameter :" + name + " is not bound in " + text);
        }
      }
    }
  }

  /** The rows of a query. */
  public static final class Query<T> {
    private final Statement statement;
    private final RowMapper<T> mapper;

    private Query(Statement statement, RowMapper<T> mapper) {
      this.statement = statement;
      this.mapper = mapper;
    }

    public List<T> list() {
      return statement.run(
          prepared -> {
            statement.bindAll(prepared, statement.values);
            List<T> rows = new ArrayList<>();
            try (ResultSet result = prepared.executeQuery()) {
              while (result.next()) {
                rows.add(mapper.map(result));
              }
            }
            return rows;
          });
    }

    /** The one row, or empty when there is none or it maps to null; more than one is a bug. */
    public Optional<T> optional() {
      List<T> rows = list();
      if (rows.size() > 1) {
        throw new IllegalStateException(rows.size() + " rows where at most one was expected");
      }
      return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    /** The one row there must be. */
    public T single() {
      return optional()
          .orElseThrow(() -> new IllegalStateException("No row where one was expected"));
    }
  }

  /**
   * A prepared statement that binds values by their type. PostgreSQL must know the type of a null
   * (in COALESCE, say), which only the server can tell: the statement's parameter types are asked
   * for once, at the first null, not once per null, since each asking is a round trip.
   */
  private static final class Binder {
    private final PreparedStatement statement;
    private ParameterMetaData types;

    Binder(PreparedStatement statement) {
      this.statement = statement;
    }

    void bind(int index, Object value) throws SQLException {
      if (value == null) {
        statement.setNull(index, nullType(index));
      } else if (value instanceof Instant instant) {
        statement.setTimestamp(index, Timestamp.from(instant));
      } else if (value instanceof LocalDate date) {
        statement.setDate(index, java.sql.Date.valueOf(date));
      } else if (value instanceof Value stored) {
        statement.setString(index, stored.value());
      } else if (value instanceof Enum<?> constant) {
        statement.setString(index, constant.name());
      } else {
        statement.setObject(index, value);
      }
    }

    void addBatch() throws SQLException {
      statement.addBatch();
    }

    int[] executeBatch() throws SQLException {
      return statement.executeBatch();
    }

    int executeUpdate() throws SQLException {
      return statement.executeUpdate();
    }

    ResultSet executeQuery() throws SQLException {
      return statement.executeQuery();
    }

    private int nullType(int index) {
      try {
        if (types == null) {
          types = statement.getParameterMetaData();
        }
        return types.getParameterType(index);
      } catch (SQLException unknown) {
        return Types.VARCHAR;
      }
    }
  }

  private static String firstLine(String text) {
    String trimmed = text.strip();
    int newline = trimmed.indexOf('\n');
    return newline < 0 ? trimmed : trimmed.substring(0, newline) + " ...";
  }
}
