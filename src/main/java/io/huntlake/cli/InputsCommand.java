package io.huntlake.cli;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.error.Errors;
import io.huntlake.ingest.InputCheck;
import io.huntlake.ingest.InputCheck.SourceInput;
import io.huntlake.spark.SparkSessionFactory;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code huntlake inputs}: has the day's raw input arrived? Lists storage only (no Spark session),
 * so a scheduler can ask cheaply and often before it starts ingest.
 */
@Command(
    name = "inputs",
    mixinStandardHelpOptions = true,
    description = {
      "Check that each source's raw folder for a day holds input files, listed exactly as ingest"
          + " lists them. Prints one line per source (files, bytes, newest file). Starts no Spark"
          + " session.",
      "Exits 0 when every source is there, 4 when some are not (yet): schedulers retry on 4."
    })
final class InputsCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ConfigOptions configOptions;

  @Option(
      names = "--date",
      required = true,
      paramLabel = "YYYY-MM-DD",
      description = "The day whose folders to check.")
  LocalDate date;

  @Mixin SourceOptions sourceOptions;

  @Override
  public Integer call() {
    HuntlakeConfig config = configOptions.load();
    List<SourceInput> inputs =
        InputCheck.check(
            config,
            sourceOptions.selected(config),
            date,
            SparkSessionFactory.hadoopConfiguration(config));
    PrintWriter out = spec.commandLine().getOut();
    out.println("inputs " + date + ":");
    inputs.forEach(input -> out.println("  " + input.describe()));
    sourceOptions
        .disabled(config)
        .forEach(
            source ->
                out.println(
                    String.format(
                        "  %-9s disabled (sources.%s.enabled: false)", source.id(), source.id())));
    out.flush();
    List<String> missing =
        inputs.stream().map(SourceInput::problem).flatMap(Optional::stream).toList();
    if (!missing.isEmpty()) {
      throw Errors.inputsNotReady(date.toString(), missing);
    }
    return 0;
  }
}
