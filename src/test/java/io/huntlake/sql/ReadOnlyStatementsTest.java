package io.huntlake.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huntlake.error.ExitCode;
import io.huntlake.error.HuntlakeException;
import io.huntlake.testing.SharedSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing only: no statement here runs, so no table is needed. */
@ExtendWith(SharedSpark.class)
class ReadOnlyStatementsTest {
  private final SparkSession spark;

  ReadOnlyStatementsTest(SparkSession spark) {
    this.spark = spark;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "INSERT INTO findings SELECT * FROM findings",
        "INSERT OVERWRITE findings SELECT * FROM findings",
        "WITH x AS (SELECT * FROM findings) INSERT INTO findings SELECT * FROM x",
        "INSERT OVERWRITE DIRECTORY '/tmp/out' USING parquet SELECT 1",
        "UPDATE findings SET title = 'x'",
        "DELETE FROM findings WHERE true",
        "MERGE INTO findings t USING findings s ON t.finding_id = s.finding_id"
            + " WHEN MATCHED THEN DELETE",
        "DROP TABLE findings",
        "DROP VIEW exec_sessions",
        "CREATE TABLE t (a INT) USING delta",
        "CREATE TABLE t USING delta AS SELECT 1",
        "CREATE VIEW v AS SELECT 1",
        "ALTER TABLE findings SET TBLPROPERTIES ('a' = 'b')",
        "ALTER TABLE findings ADD COLUMNS (x INT)",
        "VACUUM findings",
        "OPTIMIZE findings",
        "RESTORE TABLE findings TO VERSION AS OF 1",
        "CREATE TABLE c SHALLOW CLONE findings",
        "TRUNCATE TABLE findings",
        "ANALYZE TABLE findings COMPUTE STATISTICS",
        "CONVERT TO DELTA parquet.`/tmp/x`",
        "REORG TABLE findings APPLY (PURGE)",
        "GENERATE symlink_format_manifest FOR TABLE findings",
        "MSCK REPAIR TABLE findings",
        "ADD JAR /tmp/x.jar",
        "LOAD DATA LOCAL INPATH '/tmp/x' INTO TABLE findings"
      })
  void refusesEveryStatementThatWouldChangeTheLake(String statement) {
    assertThatThrownBy(() -> ReadOnlyStatements.requireReadOnly(spark, statement))
        .isInstanceOfSatisfying(
            HuntlakeException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageContaining("Refused a statement that would change the lake")
        .hasMessageContaining("--allow-writes");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT 1",
        "WITH x AS (SELECT 1 AS a) SELECT * FROM x",
        "SELECT * FROM findings VERSION AS OF 3",
        "SELECT * FROM findings TIMESTAMP AS OF '2026-11-01'",
        "FROM findings SELECT title",
        "VALUES (1), (2)",
        "SHOW TABLES",
        "SHOW COLUMNS IN findings",
        "DESCRIBE findings",
        "DESCRIBE HISTORY findings",
        "DESCRIBE DETAIL findings",
        "SHOW CREATE TABLE findings",
        "EXPLAIN SELECT 1",
        "SET spark.sql.shuffle.partitions = 4",
        "CREATE TEMPORARY VIEW mine AS SELECT 1",
        "CACHE TABLE findings",
        "USE default"
      })
  void letsReadingStatementsThrough(String statement) {
    ReadOnlyStatements.requireReadOnly(spark, statement);
  }

  @Test
  void namesWhatTheStatementWouldDo() {
    assertThatThrownBy(() -> ReadOnlyStatements.requireReadOnly(spark, "VACUUM findings"))
        .hasMessageContaining("(VacuumTableCommand)");
  }
}
