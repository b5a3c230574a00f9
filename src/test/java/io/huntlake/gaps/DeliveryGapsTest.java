package io.huntlake.gaps;

import static org.assertj.core.api.Assertions.assertThat;

import io.huntlake.config.GapSettings;
import io.huntlake.table.DeliveryGapsTable;
import io.huntlake.testing.SharedSpark;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hour gaps against a working-day pattern: busy days, quiet nights, one low hour, one empty hour, a
 * past outage that must not lower "usual", and a cluster too new to have a usual.
 */
@ExtendWith(SharedSpark.class)
class DeliveryGapsTest {
  private static final LocalDate DAY = LocalDate.of(2026, 3, 10);
  private static final GapSettings SETTINGS = new GapSettings(0.2, 50, 60);
  private static final StructType EVENTS =
      new StructType()
          .add("cluster", DataTypes.StringType)
          .add("source", DataTypes.StringType)
          .add("event_ts", DataTypes.TimestampType);

  /** Events per hour of a working day: 400 from 08:00 to 18:00, 60 at night. */
  private static int usual(int hour) {
    return hour >= 8 && hour < 18 ? 400 : 60;
  }

  private static void add(List<Row> rows, String cluster, LocalDate day, int hour, int events) {
    Instant start = day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
    for (int i = 0; i < events; i++) {
      rows.add(RowFactory.create(cluster, "audit", start.plusSeconds(i * 3600L / events)));
    }
  }

  @Test
  void aLowHourAndAnEmptyHourAreGapsAndQuietNightsAreNot(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (int back = 8; back >= 1; back--) {
      LocalDate day = DAY.minusDays(back);
      if (back == 4) {
        continue; // an outage day: the source sent nothing at all
      }
      for (int hour = 0; hour < 24; hour++) {
        add(rows, "prod", day, hour, usual(hour));
      }
    }
    for (int hour = 0; hour < 24; hour++) {
      int events =
          switch (hour) {
            case 3 -> 0; // empty, though nights usually have 60
            case 11 -> 40; // a tenth of the usual 400
            case 15 -> 120; // 30 %: lower, but above low_ratio
            default -> usual(hour);
          };
      add(rows, "prod", DAY, hour, events);
    }
    // A cluster with two days of history: no usual yet. Its empty hour counts only because its
    // day is busy enough; its thin hour does not.
    for (int back = 2; back >= 0; back--) {
      for (int hour = 0; hour < 24; hour++) {
        int events = back == 0 && hour == 20 ? 0 : back == 0 && hour == 21 ? 5 : 100;
        add(rows, "new", DAY.minusDays(back), hour, events);
      }
    }
    Dataset<Row> events = spark.createDataFrame(rows, EVENTS);

    List<Row> gaps =
        DeliveryGaps.hours(events, DAY, SETTINGS, 5, java.util.Set.of())
            .orderBy("cluster", "hour_start")
            .collectAsList();

    assertThat(gaps)
        .extracting(
            g -> g.getAs("cluster") + " " + g.getAs("hour_start") + " " + g.getAs("gap_type"))
        .containsExactly(
            "new " + DAY + "T20:00:00Z missing_hour",
            "prod " + DAY + "T03:00:00Z missing_hour",
            "prod " + DAY + "T11:00:00Z low_hour");
    Row low = gaps.get(2);
    assertThat(low.<Long>getAs(DeliveryGapsTable.EVENTS)).isEqualTo(40);
    // The outage day is not part of "usual": the median stays 400 over 7 delivering days.
    assertThat(low.<Double>getAs(DeliveryGapsTable.EXPECTED_EVENTS)).isEqualTo(400.0);
    assertThat(low.<String>getAs(DeliveryGapsTable.DETAIL))
        .isEqualTo(
            "only 40 audit events from cluster prod in 11:00-12:00 UTC; this hour usually has 400"
                + " (median of 7 days)");
    assertThat(gaps.get(0).<Double>getAs(DeliveryGapsTable.EXPECTED_EVENTS)).isNull();
    assertThat(gaps.get(0).<String>getAs(DeliveryGapsTable.DETAIL)).contains("too little history");
  }

  @Test
  void aWholeDayWithoutAuditLogsIsTwentyFourMissingHours(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (int back = 6; back >= 1; back--) {
      for (int hour = 0; hour < 24; hour++) {
        add(rows, "prod", DAY.minusDays(back), hour, usual(hour));
      }
    }
    List<Row> gaps =
        DeliveryGaps.hours(
                spark.createDataFrame(rows, EVENTS), DAY, SETTINGS, 5, java.util.Set.of())
            .collectAsList();
    assertThat(gaps).hasSize(24).allMatch(g -> g.getAs("gap_type").equals("missing_hour"));
  }
}
