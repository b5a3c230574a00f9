package io.huntlake.config;

/** The kinds of value a config key holds; each is validated when the config is loaded. */
public enum ValueType {
  STRING("a string"),
  /** A whole number of bytes or characters, at least 1. */
  POSITIVE_INTEGER("a whole number greater than 0"),
  /** A number greater than 0, such as 2.5. */
  POSITIVE_NUMBER("a number greater than 0"),
  /** A number of at least 0 (0 turns a weight off). */
  NON_NEGATIVE_NUMBER("a number of at least 0"),
  /** One of the key's listed choices. */
  CHOICE("one of the listed values"),
  BOOLEAN("true or false"),
  /** Strings: a YAML list, or comma-separated in one string (as --set gives them). */
  LIST("a list of strings (YAML list or comma-separated)"),
  /** A local path (made absolute) or a URI Hadoop can open: s3a://, file://, hdfs://, abfs://. */
  STORAGE_URI("a local path or a URI such as s3a://bucket/prefix"),
  /** A path template with {raw}, {source}, {date}, {yyyy}, {MM} and {dd} tokens. */
  PATH_TEMPLATE("a path template such as {raw}/audit/dt={date}"),
  /** A Spark master URL, or empty for local[*] (or whatever spark-submit was given). */
  SPARK_MASTER("a Spark master such as local[*], spark://host:7077, yarn or k8s://..."),
  /** Whole days (at least 1), or "forever". */
  RETENTION("a number of days, or forever"),
  /** A lower-case DNS label. */
  NAME("a lower-case name of letters, digits and '-'");

  private final String description;

  ValueType(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
