package io.huntlake.intel;

import static org.assertj.core.api.Assertions.assertThat;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.testing.LakeBytes;
import io.huntlake.testing.RawLogs;
import io.huntlake.testing.SharedSpark;
import io.huntlake.testing.UncompressedParquet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds and range files are input like any log: secrets planted in their descriptions, URLs,
 * services and unusable lines reach neither the tables (every byte of them, Parquet written
 * uncompressed) nor the load's report, and the matching still works on the redacted forms.
 */
@ExtendWith({SharedSpark.class, UncompressedParquet.class})
class IntelSecretsTest {
  private static final String KEY_ID = "AKIAHLCANARY1X7QP000";
  private static final String URL_TOKEN = "HLCANARY2x7Qp";
  private static final String JWT =
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJITENBTkFSWTN4N1FwIn0.c2lnbmF0dXJlX2hlcmVfMTIz";
  private static final String SERVICE_KEY = "AKIAHLCANARY4X7QP000";
  private static final String BAD_LINE_KEY = "AKIAHLCANARY5X7QP000";

  @Test
  void plantedSecretsNeverReachTheTablesOrTheReport(SparkSession spark, @TempDir Path dir)
      throws IOException {
    HuntlakeConfig config = new RawLogs(dir).config();
    Path feed = dir.resolve("feed.csv");
    Files.writeString(
        feed,
        String.join(
            "\n",
            "indicator,description",
            "198.51.100.7,\"found with key " + KEY_ID + " in a paste\"",
            "http://203.0.113.8/drop?token=" + URL_TOKEN + ",dropper",
            "evil.example,session " + JWT,
            "aws_key=" + BAD_LINE_KEY + ",not an indicator",
            ""));
    Path ranges = dir.resolve("ranges.json");
    Files.writeString(
        ranges,
        "{\"values\": [{\"name\": \"x\", \"properties\": {\"systemService\": \""
            + SERVICE_KEY
            + "\", \"addressPrefixes\": [\"20.50.0.0/18\"]}}]}");

    IntelLoadJob job = new IntelLoadJob();
    IntelLoadJob.Report loaded =
        job.loadFeed(spark, config, "canaries", feed.toString(), false, Instant.now());
    IntelLoadJob.Report rangesLoaded =
        job.loadRanges(spark, config, "cloud", ranges.toString(), false, Instant.now());

    List<String> secrets = List.of(KEY_ID, URL_TOKEN, JWT, SERVICE_KEY, BAD_LINE_KEY);
    assertThat(loaded.entries()).isEqualTo(3);
    assertThat(loaded.problems()).hasSize(1);
    String report = loaded.summary() + loaded.problems() + rangesLoaded.summary();
    secrets.forEach(secret -> assertThat(report).doesNotContain(secret));
    assertThat(LakeBytes.leaks(dir.resolve("lake"), secrets)).isEmpty();

    // The redacted forms still match: the same redactor rewrote the logs they are matched in.
    IntelIndex index = new IntelIndex(IntelLake.indicators(IntelLake.rows(spark, config)));
    assertThat(index.matchAddress("198.51.100.7")).isPresent();
    assertThat(index.matchDomain("cdn.evil.example")).isPresent();
  }
}
