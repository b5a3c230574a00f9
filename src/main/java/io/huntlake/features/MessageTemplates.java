package io.huntlake.features;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.hex;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Column;

/**
 * The template of a log message: the message with what changes from line to line (ids, hex,
 * addresses, numbers) masked, so "user 4711 logged in from 10.0.0.7" and "user 12 logged in from
 * 10.0.0.9" are one template; a JSON line's template is its msg (or message) field. Only the first
 * {@value #PREFIX_CHARS} characters count: a template is decided by how a line starts, and masking
 * megabyte lines would cost more than it tells.
 */
final class MessageTemplates {
  static final int PREFIX_CHARS = 160;

  private MessageTemplates() {}

  static Column template(Column message) {
    // A structured line's template is its message field: the other fields are values.
    Column structured =
        when(
            message.startsWith("{"),
            coalesce(
                get_json_object(message, "$.msg"),
                get_json_object(message, "$.message"),
                get_json_object(message, "$.log")));
    Column t = substring(coalesce(structured, message), 1, PREFIX_CHARS);
    t =
        regexp_replace(
            t,
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
            "<id>");
    t = regexp_replace(t, "\\d{1,3}(\\.\\d{1,3}){3}(:\\d+)?", "<ip>");
    t = regexp_replace(t, "\\b(0x)?[0-9a-fA-F]*\\d[0-9a-fA-F]*[a-fA-F][0-9a-fA-F]*\\b", "<hex>");
    t = regexp_replace(t, "\\b[0-9a-fA-F]{12,}\\b", "<hex>");
    return regexp_replace(t, "\\d+", "<n>");
  }

  /** A short stable hash of the template, as the key of template sets. */
  static Column templateHash(Column message) {
    return lower(hex(xxhash64(template(message))));
  }
}
