package io.huntlake.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.huntlake.testing.SharedSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedSpark.class)
class ResultWriterTest {
  private final Dataset<Row> rows;

  ResultWriterTest(SparkSession spark) {
    rows =
        spark.sql(
            "SELECT TIMESTAMP'2026-11-08 15:57:49.123456' AS event_ts, 1234567890L AS bytes,"
                + " repeat('x', 200) AS message, 'short' AS verb, true AS tty");
  }

  private List<String> table(int width) {
    StringWriter out = new StringWriter();
    new ResultWriter(new ResultWriter.Options(OutputFormat.TABLE, width, 10))
        .write(rows, new PrintWriter(out), new PrintWriter(new StringWriter()));
    return out.toString().lines().toList();
  }

  @Test
  void aTableFitsTheWidthByShorteningTextWhileNumbersStayWhole() {
    List<String> lines = table(80);
    assertThat(lines.subList(0, 3)).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    assertThat(lines.get(2))
        .startsWith("2026-11-08 15:57:49.123456  1234567890  xxx")
        .contains("…  short  true");
    assertThat(lines.get(3)).isEqualTo("(1 row)");
  }

  @Test
  void whenTextAloneCannotMakeRoomTimestampsLoseTheirFractionFirst() {
    String row = table(50).get(2);
    assertThat(row).startsWith("2026-11-08 15:57:49  1234567890  x").doesNotContain("49.1");
    assertThat(row).contains("short").contains("true");
  }

  @Test
  void wideShowsEveryCharacter() {
    assertThat(table(0).get(2)).contains("x".repeat(200)).contains("15:57:49.123456");
  }
}
