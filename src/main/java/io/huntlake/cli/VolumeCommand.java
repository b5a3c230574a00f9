package io.huntlake.cli;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.spark.Steps;
import io.huntlake.volume.VolumeJob;
import io.huntlake.volume.VolumeText;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code huntlake volume}: a day of log_volume_daily and the capacity report. */
@Command(
    name = "volume",
    mixinStandardHelpOptions = true,
    description = {
      "Measure day D's log volume per cluster, source and talker (namespace, workload, container,"
          + " identity, verb, resource, user agent) into log_volume_daily, then write the capacity"
          + " report: daily volume per source and cluster, growth, top talkers, a forecast of"
          + " volume and of hot and archive storage, compression and retention what-ifs, and"
          + " anomalous volume days.",
      "Idempotent: rerunning a day replaces that day's rows and the report."
    })
final class VolumeCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ConfigOptions configOptions;

  @Mixin FormatOptions format;

  @Option(
      names = "--date",
      required = true,
      paramLabel = "YYYY-MM-DD",
      description = "The day to measure; only its partition is replaced.")
  LocalDate date;

  @Option(
      names = "--report",
      paramLabel = "FILE.html",
      description =
          "Where to write the HTML report (local path or URI); default"
              + " <storage.reports>/volume/<date>.html.")
  String report;

  @Override
  public Integer call() {
    boolean json = format.json();
    HuntlakeConfig config = configOptions.load();
    SparkSession spark = SparkCommand.session(configOptions, config, "volume");
    VolumeJob.Report result =
        Steps.run(
            spark,
            "volume",
            "volume " + date,
            () -> new VolumeJob().run(spark, config, date, Optional.ofNullable(report)));
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? VolumeText.json(result) + "\n" : VolumeText.text(result));
    out.flush();
    return 0;
  }
}
