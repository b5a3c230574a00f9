package io.huntlake.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.error.Errors;
import io.huntlake.lake.LakeTables;
import io.huntlake.source.LogSource;
import io.huntlake.table.IngestLedgerTable;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Refuses an ingest that would leave a day with far fewer rows than its last complete run: a rerun
 * after raw files were deleted, moved or mis-pathed must not quietly replace good rows with fewer.
 * The last run's counts come from the ledger (written last, so it describes a complete run); the
 * limit is ingest.max_shrink, and --allow-shrink lets a deliberate correction through.
 */
final class ShrinkGuard {
  private ShrinkGuard() {}

  static void check(
      SparkSession spark,
      HuntlakeConfig config,
      LocalDate date,
      Set<LogSource> sources,
      List<Row> newLedger) {
    Map<String, Long> before = new HashMap<>();
    LakeTables.read(spark, LakeTables.path(config, IngestLedgerTable.DEFINITION))
        .ifPresent(
            ledger ->
                ledger
                    .where(col(IngestLedgerTable.INGEST_DATE).equalTo(lit(date)))
                    .groupBy(IngestLedgerTable.SOURCE)
                    .agg(functions.sum(IngestLedgerTable.ROWS))
                    .collectAsList()
                    .forEach(row -> before.put(row.getString(0), row.getLong(1))));
    Map<String, Long> after = new HashMap<>();
    for (Row row : newLedger) {
      after.merge(
          row.<String>getAs(IngestLedgerTable.SOURCE),
          row.<Long>getAs(IngestLedgerTable.ROWS),
          Long::sum);
    }
    double maxShrink = config.ingest().maxShrink();
    for (LogSource source : sources) {
      long had = before.getOrDefault(source.id(), 0L);
      long will = after.getOrDefault(source.id(), 0L);
      if (had > 0 && will < had * (1 - maxShrink)) {
        throw Errors.ingestWouldShrink(date.toString(), source.id(), had, will, maxShrink);
      }
    }
  }
}
