package io.nightscribe.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PostgresServerIT {
  private final PostgresServer postgres = PostgresServer.shared();

  @Test
  void acceptsJdbcConnectionsOnLoopbackAndRunsQueries() throws SQLException {
    // given the shared server
    // when
    try (Connection connection =
            DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery("select current_database(), current_user, 6 * 7")) {
      // then
      assertThat(result.next()).isTrue();
      assertThat(result.getString(1)).isEqualTo("nightscribe");
      assertThat(result.getString(2)).isEqualTo("nightscribe");
      assertThat(result.getInt(3)).isEqualTo(42);
    }
    assertThat(postgres.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:");
  }

  @Test
  void newDatabaseIsolatesTables() throws SQLException {
    // given
    String url = postgres.newDatabase("isolated_one");
    // when
    try (Connection connection =
            DriverManager.getConnection(url, postgres.user(), postgres.password());
        Statement statement = connection.createStatement()) {
      statement.execute("create table ledger (id int primary key)");
      statement.execute("insert into ledger values (1)");
    }
    // then the default database does not see it
    try (Connection connection =
            DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
        ResultSet tables =
            connection.getMetaData().getTables(null, "public", "ledger", new String[] {"TABLE"})) {
      assertThat(tables.next()).isFalse();
    }
    assertThat(url).endsWith("/isolated_one");
  }

  @Test
  void isSharedWithinTheJvm() {
    assertThat(PostgresServer.shared()).isSameAs(postgres);
  }

  @Test
  void aRestartCutsOpenConnectionsAndKeepsCommittedData() throws SQLException {
    // given a server of its own with a committed row and an open connection
    PostgresServer own = PostgresServer.startPrivate();
    try {
      Connection before = DriverManager.getConnection(own.jdbcUrl(), own.user(), own.password());
      try (Statement statement = before.createStatement()) {
        statement.execute("create table kept (id int primary key)");
        statement.execute("insert into kept values (7)");
      }

      // when it restarts
      own.restart(Duration.ofMillis(200));

      // then the open connection is dead, and a new one on the same URL sees the row
      assertThat(before.isValid(2)).isFalse();
      before.close();
      try (Connection after =
              DriverManager.getConnection(own.jdbcUrl(), own.user(), own.password());
          ResultSet result = after.createStatement().executeQuery("select id from kept")) {
        assertThat(result.next()).isTrue();
        assertThat(result.getInt(1)).isEqualTo(7);
      }
    } finally {
      own.stop();
    }
  }
}
