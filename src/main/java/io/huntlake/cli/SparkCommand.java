package io.huntlake.cli;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.spark.SparkSessionFactory;
import org.apache.spark.sql.SparkSession;

/** Starts the one Spark session a command uses. */
final class SparkCommand {
  private SparkCommand() {}

  static SparkSession session(ConfigOptions options, HuntlakeConfig config, String command) {
    return SparkSessionFactory.create(config, "huntlake " + command, options.master());
  }
}
