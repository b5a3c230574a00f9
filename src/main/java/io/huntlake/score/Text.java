package io.huntlake.score;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.format_number;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/** Spark expressions that put numbers and keys into reason details. */
final class Text {
  /** How many example keys a detail lists. */
  static final int EXAMPLES = 3;

  private Text() {}

  /** 1,234 for whole or large numbers, 0.35 otherwise. */
  static Column number(Column x) {
    return when(
            abs(x).geq(100).or(x.equalTo(org.apache.spark.sql.functions.round(x))),
            format_number(x, 0))
        .otherwise(format_number(x, 2));
  }

  /** The first few of a collected list of keys, sorted, comma-separated. */
  static Column examples(Column keys) {
    return array_join(slice(sort_array(keys), 1, EXAMPLES), ", ");
  }
}
