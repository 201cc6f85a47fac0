package io.nightscribe.runs.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightscribe.asr.NightscribeException;
import java.time.Duration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class SqlFailureTest {

  @Test
  void aValueTooLongIsNotBlamedOnTheDatabasesReachability() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:sql-failure;DB_CLOSE_DELAY=-1");
    Sql sql = new Sql(h2, new LedgerRetries(1, Duration.ofMillis(1), Duration.ofMillis(1)));
    sql.sql("CREATE TABLE t (v VARCHAR(3))").update();

    assertThatThrownBy(() -> sql.sql("INSERT INTO t VALUES (:v)").param("v", "four").update())
        .isInstanceOf(NightscribeException.class)
        .hasMessageContaining("Value too long")
        .hasMessageEndingWith(
            "(SQLState 22001: not a connection problem; report it to nightscribe's maintainers"
                + " with this line)")
        .message()
        .doesNotContain("reachable");
  }

  @Test
  void aRefusedConnectionPointsAtTheDatabase() {
    // nothing listens on port 1: PostgreSQL's driver refuses with SQLState 08001
    PGSimpleDataSource unreachable = new PGSimpleDataSource();
    unreachable.setUrl("jdbc:postgresql://127.0.0.1:1/ledger");
    Sql sql =
        new Sql(unreachable, new LedgerRetries(1, Duration.ofMillis(1), Duration.ofMillis(1)));

    assertThatThrownBy(() -> sql.sql("SELECT 1").update())
        .hasMessageEndingWith("(check that the ledger database is reachable)");
  }
}
