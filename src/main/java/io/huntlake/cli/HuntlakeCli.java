package io.huntlake.cli;

import io.huntlake.error.ExitCode;
import io.huntlake.error.HuntlakeException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code huntlake} command: parses the command line and maps every failure to an exit code. */
@Command(
    name = "huntlake",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Batch threat hunting over archived Kubernetes logs on Spark and Delta Lake.",
    subcommands = {
      GenerateCommand.class,
      SourcesCommand.class,
      InputsCommand.class,
      IngestCommand.class,
      FeaturesCommand.class,
      BaselineCommand.class,
      ScoreCommand.class,
      GapsCommand.class,
      DetectCommand.class,
      VolumeCommand.class,
      MaintainCommand.class,
      ArchiveCommand.class,
      VerifyArchiveCommand.class,
      RulesCommand.class,
      BacktestCommand.class,
      EvaluateCommand.class,
      SqlCommand.class,
      HuntCommand.class,
      IntelCommand.class,
      RunCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    })
public final class HuntlakeCli {

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs one command line and returns its exit code (for tests and the launcher alike). */
  public static int execute(String... args) {
    CommandLine commandLine = commandLine();
    return commandLine.execute(args);
  }

  /** The command line with HuntLake's exit codes and error handling, for in-process callers. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new HuntlakeCli());
    commandLine.setExitCodeExceptionMapper(HuntlakeCli::exitCodeOf);
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) -> {
          report(exception, cmd.getErr(), isVerbose(parseResult));
          return exitCodeOf(exception);
        });
    commandLine.getCommandSpec().exitCodeOnInvalidInput(ExitCode.USAGE.code());
    return commandLine;
  }

  private static int exitCodeOf(Throwable exception) {
    java.util.Optional<HuntlakeException> huntlake = HuntlakeException.within(exception);
    if (huntlake.isPresent()) {
      return huntlake.get().exitCode().code();
    }
    if (exception instanceof CommandLine.ParameterException) {
      return ExitCode.USAGE.code();
    }
    return ExitCode.FAILED.code();
  }

  private static void report(Exception exception, PrintWriter err, boolean verbose) {
    java.util.Optional<HuntlakeException> huntlake = HuntlakeException.within(exception);
    if (huntlake.isPresent()) {
      err.println("huntlake: " + huntlake.get().getMessage());
    } else {
      err.println(
          "huntlake: unexpected "
              + exception.getClass().getSimpleName()
              + ": "
              + exception.getMessage()
              + "\nThis is a bug in HuntLake; rerun with --verbose and report the stack trace.");
    }
    if (verbose) {
      exception.printStackTrace(err);
    }
    err.flush();
  }

  private static boolean isVerbose(CommandLine.ParseResult parseResult) {
    CommandLine.ParseResult leaf = parseResult;
    while (leaf.subcommand() != null) {
      leaf = leaf.subcommand();
    }
    return leaf.hasMatchedOption("--verbose");
  }
}
