package io.huntlake.spark;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import scala.collection.JavaConverters;

/** Spark sessions that share a SparkContext but not their temporary views. */
public final class Sessions {
  private Sessions() {}

  /**
   * A new session on the same SparkContext (same executors and cache) with the SQL settings of
   * {@code spark}, but its own temporary views and functions. Detect registers the day's tables
   * under plain names (audit_events, …); in its own session it can neither replace a view a hunter
   * made in a notebook nor meet another detect running in the same JVM.
   */
  public static SparkSession isolated(SparkSession spark) {
    SparkSession session = spark.newSession();
    // newSession starts from the SparkContext's settings; runtime ones (a notebook's, or those a
    // factory applied to a session that already existed) are copied over.
    Map<String, String> settings = JavaConverters.mapAsJavaMap(spark.conf().getAll());
    settings.forEach(
        (key, value) -> {
          if (session.conf().isModifiable(key)) {
            session.conf().set(key, value);
          }
        });
    return session;
  }
}
