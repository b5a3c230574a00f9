package io.huntlake.spark;

import io.huntlake.error.Errors;
import io.huntlake.error.HuntlakeException;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * Runs one named pipeline step: its Spark jobs are grouped under the step's name (visible in the
 * Spark UI and event log), and an unexpected failure becomes one message naming the step.
 */
public final class Steps {
  private Steps() {}

  public static <T> T run(SparkSession spark, String step, String description, Supplier<T> body) {
    spark.sparkContext().setJobGroup(step, description, false);
    try {
      return body.get();
    } catch (HuntlakeException e) {
      throw e;
    } catch (Exception e) { // Spark's AnalysisException is checked, and Scala throws it anyway
      throw Errors.stepFailed(step, e);
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }
}
