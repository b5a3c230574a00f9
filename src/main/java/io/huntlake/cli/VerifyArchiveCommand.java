package io.huntlake.cli;

import io.huntlake.archive.ArchiveVerifier;
import io.huntlake.config.HuntlakeConfig;
import io.huntlake.error.Errors;
import io.huntlake.spark.Steps;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code huntlake verify-archive}: prove the archive is what was written. */
@Command(
    name = "verify-archive",
    mixinStandardHelpOptions = true,
    description = {
      "Recompute the sha256, size and row count of every archived file and check each table's"
          + " manifest chain and the archive_manifest table. Exits 3 naming each problem: altered"
          + " file, missing file, extra file, missing day, moved manifest, broken chain link.",
      "The chains are always checked in full; --date or --from/--to limit the file checks."
    })
final class VerifyArchiveCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ConfigOptions configOptions;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Check this day's files.")
  LocalDate date;

  @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First day to check.")
  LocalDate from;

  @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last day to check.")
  LocalDate to;

  @Override
  public Integer call() {
    if (date != null && (from != null || to != null)) {
      throw Errors.badArgument(
          "dates",
          "--date and --from/--to are both given",
          "Give --date D, or --from D1 and/or --to D2, or neither for the whole archive.");
    }
    HuntlakeConfig config = configOptions.load();
    SparkSession spark = SparkCommand.session(configOptions, config, "verify-archive");
    Optional<LocalDate> first = Optional.ofNullable(date != null ? date : from);
    Optional<LocalDate> last = Optional.ofNullable(date != null ? date : to);
    ArchiveVerifier.Result result =
        Steps.run(
            spark,
            "verify-archive",
            "verify-archive",
            () -> new ArchiveVerifier(spark, config).verify(first, last));
    PrintWriter out = spec.commandLine().getOut();
    out.println(result.summary());
    out.println("Chain heads (keep a copy outside the lake and the archive to compare later):");
    result.headLines().forEach(out::println);
    out.flush();
    if (!result.intact()) {
      throw Errors.archiveNotIntact(
          result.problems().stream().map(ArchiveVerifier.Problem::describe).toList());
    }
    return 0;
  }
}
