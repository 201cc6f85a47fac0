package io.nightscribe.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.nightscribe.testsupport.ToxiproxyServer.FaultyLink;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ToxiproxyServerIT {
  private final PostgresServer postgres = PostgresServer.shared();

  @Test
  void aProxyPassesConnectionsUntilAToxicResetsThemAndAgainOnceHealed() throws Exception {
    // given a proxy in front of PostgreSQL
    try (FaultyLink link = ToxiproxyServer.shared().proxy("pg", postgres.port())) {
      String url = "jdbc:postgresql://127.0.0.1:" + link.port() + "/nightscribe";
      assertThat(answer(url)).isEqualTo(42);

      // when it resets every connection
      link.toxics().resetPeer("reset", ToxicDirection.DOWNSTREAM, 0);

      // then nothing gets through, and once healed everything does
      assertThatThrownBy(() -> answer(url)).isInstanceOf(SQLException.class);
      link.heal();
      assertThat(answer(url)).isEqualTo(42);
      // pgjdbc may try a refused connection twice (with and without SSL)
      assertThat(link.acceptedClients()).isGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void proxiesOfTheSameNameAreDistinct() {
    try (FaultyLink one = ToxiproxyServer.shared().proxy("same", postgres.port());
        FaultyLink two = ToxiproxyServer.shared().proxy("same", postgres.port())) {
      assertThat(one.port()).isNotEqualTo(two.port());
    }
  }

  private int answer(String url) throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(url, postgres.user(), postgres.password());
        ResultSet result = connection.createStatement().executeQuery("select 6 * 7")) {
      result.next();
      return result.getInt(1);
    }
  }
}
