package io.nightscribe.runs.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source for a front end without a connection pool of its own (the Spark driver, a plain
 * {@code main}): a new connection from the JDBC driver for each use. The ledger's statements are
 * few and short, so a pool would save little. Thread-safe.
 */
public final class LedgerDataSource implements DataSource {
  private final String url;
  private final String user;
  private final String password;

  /**
   * @param url a JDBC URL whose driver is on the class path (PostgreSQL or H2)
   * @param user the user, or null
   * @param password the password, or null
   */
  public LedgerDataSource(String url, String user, String password) {
    this.url = Objects.requireNonNull(url, "url");
    this.user = user;
    this.password = password;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  @Override
  public Connection getConnection(String otherUser, String otherPassword) throws SQLException {
    return DriverManager.getConnection(url, otherUser, otherPassword);
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    // connections come from DriverManager, which keeps its own log writer
  }

  @Override
  public void setLoginTimeout(int seconds) {
    // DriverManager's timeout is global to the JVM: drivers take theirs from the URL instead
    throw new UnsupportedOperationException(
        "Set the login timeout in the JDBC URL (connectTimeout for PostgreSQL)");
  }

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("No java.util.logging here");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("Not a wrapper of " + type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }

  @Override
  public String toString() {
    // the URL may carry a password: name the database only
    return "ledger " + url.replaceAll("\\?.*", "");
  }
}
