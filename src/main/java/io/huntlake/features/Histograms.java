package io.huntlake.features;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;

import org.apache.spark.sql.Column;

/** Aggregate expressions that build fixed-size histograms. */
final class Histograms {
  private Histograms() {}

  /**
   * Aggregates (hour 0-23, count) pairs, one per hour at most, into an array of 24 counts with 0
   * where an hour had none.
   */
  static Column hourly(Column hour, Column count) {
    Column byHour = map_from_entries(collect_list(struct(hour.as("h"), count.as("n"))));
    return transform(sequence(lit(0), lit(23)), h -> coalesce(element_at(byHour, h), lit(0L)));
  }
}
