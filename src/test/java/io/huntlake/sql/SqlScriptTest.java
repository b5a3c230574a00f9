package io.huntlake.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huntlake.error.HuntlakeException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlScriptTest {
  @Test
  void splitsAtSemicolonsOutsideQuotesAndComments() {
    String script =
        """
        -- the day's findings; newest first
        SELECT 'a;b' AS x, "c;d", `e;f` FROM findings; /* one; comment */
        SELECT 2 -- trailing; comment
        ;
        ;
        -- only a comment; at the end
        """;
    assertThat(SqlScript.statements(script))
        .containsExactly(
            "-- the day's findings; newest first\nSELECT 'a;b' AS x, \"c;d\", `e;f` FROM findings",
            "/* one; comment */\nSELECT 2 -- trailing; comment");
  }

  @Test
  void backslashEscapedQuotesStayInsideTheString() {
    assertThat(SqlScript.statements("SELECT 'it\\'s; fine'; SELECT 3"))
        .containsExactly("SELECT 'it\\'s; fine'", "SELECT 3");
  }

  @Test
  void aStatementIsCompleteOnlyWhenItsSemicolonIsOutsideQuotesAndComments() {
    assertThat(SqlScript.complete("SELECT 1;")).isTrue();
    assertThat(SqlScript.complete("SELECT 1\nFROM t\n  ;  \n")).isTrue();
    assertThat(SqlScript.complete("SELECT 1; -- done")).isTrue();
    assertThat(SqlScript.complete("SELECT 1")).isFalse();
    assertThat(SqlScript.complete("SELECT 'a;")).isFalse();
    assertThat(SqlScript.complete("SELECT 1 /* ; ")).isFalse();
    assertThat(SqlScript.complete("SELECT 1 -- ;")).isFalse();
    assertThat(SqlScript.complete(";")).isFalse();
  }

  @Test
  void parametersBecomeEscapedLiteralsThatCannotChangeTheQuery() {
    String hostile = "x' OR '1'='1\\";
    String sql =
        SqlScript.substitute(
            "q.sql",
            "SELECT * FROM audit_events WHERE user_name = ${user} AND verb = ${verb} OR ${user}",
            Map.of(
                "user", SqlScript.stringLiteral(hostile), "verb", SqlScript.stringLiteral("get")));
    assertThat(sql)
        .isEqualTo(
            "SELECT * FROM audit_events WHERE user_name = 'x\\' OR \\'1\\'=\\'1\\\\' AND verb ="
                + " 'get' OR 'x\\' OR \\'1\\'=\\'1\\\\'");
    assertThat(SqlScript.parameters("${a} ${b} ${a} $x {c}")).containsExactly("a", "b");
  }

  @Test
  void aMissingOrMisspeltParameterIsRefused() {
    assertThatThrownBy(() -> SqlScript.substitute("q.sql", "SELECT ${day}", Map.of()))
        .isInstanceOf(HuntlakeException.class)
        .hasMessageContaining("q.sql needs the parameter 'day'")
        .hasMessageContaining("--param day=VALUE");
    assertThatThrownBy(
            () -> SqlScript.substitute("q.sql", "SELECT ${day}", Map.of("day", "1", "dya", "2")))
        .isInstanceOf(HuntlakeException.class)
        .hasMessageContaining("q.sql has no parameter 'dya'")
        .hasMessageContaining("it takes day");
  }
}
