package io.huntlake.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.huntlake.config.ConfigLoader;
import io.huntlake.config.HuntlakeConfig;
import io.huntlake.error.HuntlakeException;
import io.huntlake.testing.SharedSpark;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedSpark.class)
class SparkSessionFactoryTest {
  private static HuntlakeConfig config(String... overrides) {
    return new ConfigLoader(Map.of(), Path.of("/tmp")).load(Optional.empty(), List.of(overrides));
  }

  @Test
  void sessionWritesAndReadsDeltaTablesInUtc(SparkSession spark, @TempDir Path dir) {
    assertThat(spark.conf().get("spark.sql.session.timeZone")).isEqualTo("UTC");
    String table = dir.resolve("events").toString();
    spark
        .sql("SELECT id, CAST(id % 3 AS STRING) AS part FROM range(30)")
        .write()
        .format("delta")
        .partitionBy("part")
        .save(table);
    spark
        .sql("SELECT id, '1' AS part FROM range(100, 105)")
        .write()
        .format("delta")
        .mode("overwrite")
        .option("replaceWhere", "part = '1'")
        .save(table);
    Dataset<Row> read = spark.read().format("delta").load(table);
    assertThat(read.count()).isEqualTo(25);
    assertThat(read.where("part = '1'").count()).isEqualTo(5);
    assertThat(spark.sql("DESCRIBE HISTORY delta.`" + table + "`").count()).isEqualTo(2);
  }

  @Test
  void jobGroupsNameTheStepAndFailuresNameItToo(SparkSession spark) {
    long rows = Steps.run(spark, "smoke", "count a range", () -> spark.range(10).count());
    assertThat(rows).isEqualTo(10);
    HuntlakeException error =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            HuntlakeException.class,
            () ->
                Steps.run(
                    spark,
                    "broken",
                    "fails",
                    () -> spark.sql("SELECT * FROM no_such_table").count()));
    assertThat(error.getMessage())
        .startsWith("Step 'broken' failed")
        .contains("no_such_table")
        .contains("--verbose");
  }

  @Test
  void localRunsGetSmallMachineDefaultsAndUserSettingsWin() {
    Map<String, String> settings =
        SparkSessionFactory.settings(
            config("spark.conf.spark.sql.shuffle.partitions=64"), true, new SparkConf(false));
    assertThat(settings)
        .containsEntry("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .containsEntry("spark.ui.enabled", "false")
        .containsEntry("spark.sql.shuffle.partitions", "64");
    Map<String, String> cluster =
        SparkSessionFactory.settings(config(), false, new SparkConf(false));
    assertThat(cluster)
        .doesNotContainKey("spark.ui.enabled")
        .doesNotContainKey("spark.sql.shuffle.partitions");
    Map<String, String> submitted =
        SparkSessionFactory.settings(
            config(), true, new SparkConf(false).set("spark.ui.enabled", "true"));
    assertThat(submitted).doesNotContainKey("spark.ui.enabled");
  }

  @Test
  void s3SettingsBecomeS3aProperties() {
    Map<String, String> s3a =
        SparkSessionFactory.s3aSettings(
            config(
                    "s3.endpoint=http://127.0.0.1:9000",
                    "s3.path_style_access=true",
                    "s3.ssl_enabled=false",
                    "s3.access_key=AK",
                    "s3.secret_key=SK",
                    "s3.region=us-east-1")
                .s3());
    assertThat(s3a)
        .containsEntry("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000")
        .containsEntry("spark.hadoop.fs.s3a.path.style.access", "true")
        .containsEntry("spark.hadoop.fs.s3a.connection.ssl.enabled", "false")
        .containsEntry("spark.hadoop.fs.s3a.access.key", "AK")
        .containsEntry("spark.hadoop.fs.s3a.secret.key", "SK")
        .containsEntry("spark.hadoop.fs.s3a.endpoint.region", "us-east-1");
    assertThat(SparkSessionFactory.s3aSettings(config().s3()))
        .doesNotContainKey("spark.hadoop.fs.s3a.access.key");
  }
}
