package io.huntlake.error;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * The one factory of user-facing errors. Each method names the problem, the cause and the fix, so
 * that a scheduler log line is enough to act on. Secrets never appear in these messages.
 */
public final class Errors {
  private Errors() {}

  // ---- configuration -------------------------------------------------------------------------

  public static HuntlakeException configFileMissing(Path file) {
    return new HuntlakeException(
        ExitCode.USAGE,
        "Config file " + file + " does not exist",
        null,
        "Pass --config with the path of a HuntLake YAML file (jobs/huntlake.yaml is the"
            + " documented default).",
        null);
  }

  public static HuntlakeException configFileUnreadable(Path file, Exception cause) {
    return new HuntlakeException(
        ExitCode.USAGE,
        "Cannot read config file " + file,
        firstLine(cause.getMessage()),
        "Fix the YAML syntax at the position shown; every setting is a `key: value` pair under"
            + " its section.",
        cause);
  }

  public static HuntlakeException unknownConfigKey(
      String key, String origin, String suggestion, Collection<String> knownKeys) {
    String fix =
        suggestion != null
            ? "Did you mean '"
                + suggestion
                + "'? The README's configuration reference lists"
                + " every key."
            : "Remove it, or use one of: " + String.join(", ", knownKeys) + ".";
    return new HuntlakeException(
        ExitCode.USAGE, "Unknown config key '" + key + "' in " + origin, null, fix, null);
  }

  public static HuntlakeException wrongConfigType(
      String key, String origin, String expected, String found) {
    return new HuntlakeException(
        ExitCode.USAGE,
        "Config key '" + key + "' in " + origin + " has the wrong type",
        "expected " + expected + ", found " + found,
        "Set '" + key + "' to " + expected + ".",
        null);
  }

  public static HuntlakeException invalidConfigValue(
      String key, String origin, String why, String fix) {
    return new HuntlakeException(
        ExitCode.USAGE, "Invalid value for config key '" + key + "' in " + origin, why, fix, null);
  }

  public static HuntlakeException badOverride(String assignment) {
    return new HuntlakeException(
        ExitCode.USAGE,
        "Cannot read --set " + assignment,
        "an override must look like key=value",
        "Write it as, for example, --set storage.lake=/tmp/lake.",
        null);
  }

  // ---- command line --------------------------------------------------------------------------

  public static HuntlakeException badArgument(String option, String why, String fix) {
    return new HuntlakeException(ExitCode.USAGE, "Invalid " + option, why, fix, null);
  }

  // ---- files and storage ---------------------------------------------------------------------

  public static HuntlakeException outputDirectoryNotEmpty(Path directory) {
    return new HuntlakeException(
        ExitCode.USAGE,
        "Output directory " + directory + " is not empty",
        "writing into it would mix two generated data sets",
        "Choose an empty or new directory, or pass --overwrite to replace its contents.",
        null);
  }

  public static HuntlakeException cannotWrite(Path path, IOException cause) {
    return new HuntlakeException(
        ExitCode.FAILED,
        "Cannot write " + path,
        firstLine(cause.getMessage()),
        "Check that the directory exists, is writable, and that the disk is not full.",
        cause);
  }

  public static HuntlakeException cannotRead(Path path, IOException cause) {
    return new HuntlakeException(
        ExitCode.FAILED,
        "Cannot read " + path,
        firstLine(cause.getMessage()),
        "Check that the file exists and is readable by this user.",
        cause);
  }

  /** A folder or file in storage could not be listed or read (permissions, endpoint, network). */
  public static HuntlakeException storageUnreadable(String uri, String setting, Exception cause) {
    return new HuntlakeException(
        ExitCode.FAILED,
        "Cannot read " + uri,
        describe(cause),
        StorageFaults.fix(cause, setting, "is readable"),
        cause);
  }

  /**
   * A session on a cluster would need HuntLake's jar for its executors, and HuntLake's classes were
   * not loaded from a built jar.
   */
  public static HuntlakeException noJarForExecutors(String master, String loadedFrom) {
    return new HuntlakeException(
        ExitCode.USAGE,
        "Cannot run on " + master + " from classes outside a built jar",
        "the executors need HuntLake's shaded jar, and HuntLake was loaded from "
            + loadedFrom
            + ", which has no huntlake-<version>-spark.jar beside it",
        "Build the jars (mvn -DskipTests package) and run through jobs/huntlake, or name the"
            + " jars the executors should get with --set spark.conf.spark.jars=<jar,...>.",
        null);
  }

  /** A table or file in storage could not be written. */
  public static HuntlakeException storageUnwritable(String uri, String setting, Exception cause) {
    return new HuntlakeException(
        ExitCode.FAILED,
        "Cannot write " + uri,
        describe(cause),
        StorageFaults.fix(cause, setting, "is writable"),
        cause);
  }

  /**
   * A raw file that was listed could not be read to its end (outage, refused access, an object that
   * changed or vanished). This is a fault, not bad data: nothing is committed, and a rerun once
   * storage answers again gives the complete day.
   */
  public static HuntlakeException rawFileUnreadable(String file, Throwable cause) {
    return new HuntlakeException(
        ExitCode.FAILED,
        "Cannot read raw file " + file + ", so ingest committed nothing",
        describe(cause),
        StorageFaults.fix(cause, "storage.raw / sources.<source>.path", "is readable")
            + " The tables still hold what the last complete run wrote.",
        null);
  }

  /** A raw file's bytes differed between ingest's two passes: it was still being written. */
  public static HuntlakeException rawFileChangedDuringIngest(
      String file, String surveyedSha256, String writtenSha256) {
    return new HuntlakeException(
        ExitCode.FAILED,
        "Raw file " + file + " changed while it was being ingested, so ingest committed nothing",
        "sha256 " + surveyedSha256 + " when surveyed, " + writtenSha256 + " when written",
        "Rerun the day once the file is complete (log delivery may still be writing it).",
        null);
  }

  /**
   * An ingest would leave far fewer rows for a day than its last run recorded: usually input that
   * went missing (deleted raw files, a wrong path), rarely a real correction.
   */
  public static HuntlakeException ingestWouldShrink(
      String date, String source, long before, long after, double maxShrink) {
    return new HuntlakeException(
        ExitCode.BAD_INPUT,
        "Ingest of "
            + source
            + " for "
            + date
            + " would shrink the day from "
            + before
            + " rows (as the ledger recorded) to "
            + after
            + ", so nothing was committed",
        String.format(
            java.util.Locale.ROOT,
            "that loses %.0f%% of the day's rows, more than ingest.max_shrink (%.0f%%) allows",
            before == 0 ? 0.0 : 100.0 * (before - after) / before,
            100.0 * maxShrink),
        "Check that every raw file of the day is still there (retention may have archived and"
            + " deleted them; 'huntlake inputs --date "
            + date
            + "' lists what ingest sees). If the smaller day is right, rerun with --allow-shrink.",
        null);
  }

  public static HuntlakeException tableSchemaMismatch(
      String table, String path, String found, String expected) {
    return new HuntlakeException(
        ExitCode.FAILED,
        "Table "
            + table
            + " at "
            + path
            + " has other columns than this version of HuntLake writes",
        "found " + found + ", expected " + expected,
        "Point storage.lake at a new location, or move the old table away; HuntLake never rewrites"
            + " a table's schema on its own.",
        null);
  }

  public static HuntlakeException missingInput(String source, String folder, String date) {
    return new HuntlakeException(
        ExitCode.INPUT_NOT_READY,
        "No " + source + " logs for " + date + ": " + folder + " does not exist",
        "log delivery may not have run yet, or sources."
            + source
            + ".path does not match the archive layout",
        "Check the archive and sources."
            + source
            + ".path; rerun when the logs are there, or pass"
            + " --allow-missing to record the day as empty.",
        null);
  }

  /** {@code huntlake inputs}: some enabled source has no files for the day (yet). */
  public static HuntlakeException inputsNotReady(String date, List<String> missing) {
    return new HuntlakeException(
        ExitCode.INPUT_NOT_READY,
        "The raw logs for " + date + " are not all there: " + String.join("; ", missing),
        "log delivery may not have caught up yet, or sources.<source>.path does not match the"
            + " archive layout",
        "Wait and check again (the Airflow DAG retries this check); if a source will never"
            + " deliver this day, run 'huntlake ingest --date "
            + date
            + " --allow-missing' to record it as empty.",
        null);
  }

  /** Another writer committed to the same table while this job wrote, and retries ran out. */
  public static HuntlakeException concurrentWrite(String table, String path, Exception cause) {
    return new HuntlakeException(
        ExitCode.FAILED,
        "Cannot write "
            + table
            + " at "
            + path
            + ": another job kept writing to it at the same time",
        firstLine(cause.getMessage()),
        "Rerun the job (it is idempotent). Run one writer per table at a time: the Airflow DAGs"
            + " share the huntlake_lake pool for this, and maintain must not overlap the daily"
            + " jobs.",
        cause);
  }

  public static HuntlakeException ledgerDoesNotReconcile(String file, String counts) {
    return new HuntlakeException(
        ExitCode.FAILED,
        "Ingest counts for " + file + " do not reconcile, so nothing was written",
        counts,
        "This is a bug in HuntLake: report it with the file (or its first lines). The tables are"
            + " unchanged.",
        null);
  }

  public static HuntlakeException missingPrerequisite(
      String step, String date, String missing, String command) {
    return new HuntlakeException(
        ExitCode.FAILED,
        "Cannot " + step + " " + date + ": " + missing,
        step + " reads what an earlier step writes for the same day, and it is not there",
        "Run '" + command + "' first; 'huntlake run' runs every step in order.",
        null);
  }

  public static HuntlakeException unreadableLabels(String file, String why) {
    return new HuntlakeException(
        ExitCode.BAD_INPUT,
        "Cannot read the labels file " + file,
        why,
        "Pass the labels.jsonl that 'huntlake generate' wrote next to the raw logs.",
        null);
  }

  public static HuntlakeException invalidRule(String origin, String why, String fix) {
    return new HuntlakeException(
        ExitCode.USAGE,
        "Rule " + origin + " is not valid",
        why,
        fix + " The README section 'Detection rules' documents every field.",
        null);
  }

  public static HuntlakeException unknownRule(String id, String setting, List<String> known) {
    return new HuntlakeException(
        ExitCode.USAGE,
        "There is no rule '" + id + "'" + (setting == null ? "" : " (named in " + setting + ")"),
        "the catalogue has " + known.size() + " rules and none has that id",
        "Use an id from 'huntlake rules list', e.g. "
            + String.join(", ", known.stream().limit(3).toList())
            + ".",
        null);
  }

  public static HuntlakeException ruleQueryFailed(String id, String origin, Exception cause) {
    return new HuntlakeException(
        ExitCode.USAGE,
        "Rule '" + id + "' (" + origin + ") cannot run",
        describe(cause),
        "Fix the rule's query: it may use only the tables and views listed in the README section"
            + " 'Detection rules', and its columns. 'huntlake rules test' checks a rule without a"
            + " lake.",
        cause);
  }

  public static HuntlakeException ruleTestsFailed(List<String> failures) {
    return new HuntlakeException(
        ExitCode.FAILED,
        failures.size() + " rule test(s) failed",
        String.join("; ", failures),
        "Fix the rule or its test; 'huntlake rules show ID' prints both.",
        null);
  }

  /** A raw file no longer has the bytes ingest read: the chain of custody is broken. */
  public static HuntlakeException rawFileChanged(
      String file, String ledgerSha256, String nowSha256) {
    return new HuntlakeException(
        ExitCode.BAD_INPUT,
        "Cannot archive " + file,
        "its sha256 is now "
            + nowSha256
            + ", but ingest recorded "
            + ledgerSha256
            + " in ingest_ledger: the file changed after it was read",
        "Find out who changed the raw file (storage access logs). If the change is legitimate,"
            + " rerun ingest for the day so the ledger and tables match the file, then archive"
            + " again.",
        null);
  }

  /** verify-archive found problems; each line names one. */
  public static HuntlakeException archiveNotIntact(List<String> problems) {
    int shown = Math.min(problems.size(), 50);
    return new HuntlakeException(
        ExitCode.BAD_INPUT,
        "The archive is not intact",
        problems.size()
            + " problem"
            + (problems.size() == 1 ? "" : "s")
            + " found:\n  "
            + String.join("\n  ", problems.subList(0, shown))
            + (shown < problems.size() ? "\n  ... and " + (problems.size() - shown) + " more" : ""),
        "Restore the named files from a backup or your object store's versioning, or find out"
            + " who changed them (storage access logs). Do not re-archive over the evidence.",
        null);
  }

  /** Another job committed to a table while maintain archived its expired days. */
  public static HuntlakeException writtenDuringMaintenance(String table) {
    return new HuntlakeException(
        ExitCode.FAILED,
        "Did not expire old days of " + table,
        "another job wrote the table while maintain was archiving it, so the archive may miss"
            + " those rows",
        "Schedule maintain so that it never overlaps the daily pipeline (see airflow/), then rerun"
            + " it: days already archived are not archived again.",
        null);
  }

  /** Retention would delete hot rows whose archive did not verify. */
  public static HuntlakeException archiveUnverified(
      String table, String day, List<String> problems) {
    return new HuntlakeException(
        ExitCode.FAILED,
        "Did not delete " + table + " " + day + " from the lake",
        "its archive did not verify: " + String.join("; ", problems),
        "The hot rows are kept. Run 'huntlake verify-archive --date "
            + day
            + "' for details, fix the archive location (storage.archive), then rerun maintain.",
        null);
  }

  /** Wraps a step's error with where the pipeline stopped; keeps the step's exit code. */
  public static HuntlakeException pipelineStepFailed(
      String step, String date, HuntlakeException cause) {
    return new HuntlakeException(
        cause.exitCode(),
        "The pipeline stopped at step '" + step + "' for " + date,
        cause.getMessage().replace("\n", " "),
        "Fix the cause, then rerun the same command: completed steps are idempotent and will give"
            + " the same tables.",
        cause);
  }

  // ---- sql and hunts -------------------------------------------------------------------------

  public static HuntlakeException writeRefused(String statementKind) {
    return new HuntlakeException(
        ExitCode.USAGE,
        "Refused a statement that would change the lake (" + statementKind + ")",
        "huntlake sql is read-only unless asked otherwise, so a hunt cannot alter evidence",
        "Query with SELECT, SHOW, DESCRIBE or EXPLAIN (temporary views are allowed). To change"
            + " tables on purpose, rerun with --allow-writes.",
        null);
  }

  public static HuntlakeException queryFailed(String origin, Exception cause) {
    return new HuntlakeException(
        ExitCode.USAGE,
        "The query " + origin + " cannot run",
        describe(cause),
        "Fix the statement at the position shown, and check the table and column names: SHOW"
            + " TABLES lists the tables and views, DESCRIBE"
            + " TABLE shows a table's columns (\\tables and \\describe in the interactive shell).",
        cause);
  }

  public static HuntlakeException unknownTable(String name, List<String> known) {
    return new HuntlakeException(
        ExitCode.USAGE,
        "There is no table or view '" + name + "'",
        "the lake has " + known.size() + " tables and views and none has that name",
        "Use one of: " + String.join(", ", known) + ".",
        null);
  }

  public static HuntlakeException missingParameter(String origin, String name, String meaning) {
    return new HuntlakeException(
        ExitCode.USAGE,
        origin + " needs the parameter '" + name + "'",
        meaning == null ? "it uses ${" + name + "} and no value was given" : name + ": " + meaning,
        "Pass --param " + name + "=VALUE.",
        null);
  }

  public static HuntlakeException unusedParameter(String origin, String name, List<String> used) {
    return new HuntlakeException(
        ExitCode.USAGE,
        origin + " has no parameter '" + name + "'",
        used.isEmpty() ? "it takes no parameters" : "it takes " + String.join(", ", used),
        "Check the spelling of --param " + name + ".",
        null);
  }

  public static HuntlakeException badParameter(String name, String value, String type) {
    return new HuntlakeException(
        ExitCode.USAGE,
        "Parameter '" + name + "' = '" + value + "' is not a valid " + type,
        "the query uses it as a " + type + " value",
        switch (type) {
          case "date" -> "Write dates as YYYY-MM-DD, e.g. --param " + name + "=2026-11-01.";
          case "timestamp" ->
              "Write times in UTC as YYYY-MM-DDTHH:MM:SSZ, e.g. --param "
                  + name
                  + "=2026-11-01T12:30:00Z.";
          case "int" -> "Pass a whole number, e.g. --param " + name + "=7.";
          default -> "Pass a value of type " + type + ".";
        },
        null);
  }

  public static HuntlakeException invalidHunt(String origin, String why, String fix) {
    return new HuntlakeException(
        ExitCode.USAGE,
        "Hunt " + origin + " is not valid",
        why,
        fix + " The README section 'Hunting with SQL' documents the header.",
        null);
  }

  public static HuntlakeException unknownHunt(String name, List<String> known) {
    return new HuntlakeException(
        ExitCode.USAGE,
        "There is no hunt '" + name + "'",
        "the catalogue has " + known.size() + " hunts and none has that name",
        "Use a name from 'huntlake hunt list': " + String.join(", ", known) + ".",
        null);
  }

  // ---- internal ------------------------------------------------------------------------------

  /**
   * Wraps an unexpected failure in a step so the user still gets one line naming the step; the
   * stack trace is printed only with --verbose.
   */
  public static HuntlakeException stepFailed(String step, Throwable cause) {
    // A task's own error (a raw file it could not read) arrives wrapped in Spark's: it says more.
    java.util.Optional<HuntlakeException> carried = HuntlakeException.within(cause);
    if (carried.isPresent()) {
      return carried.get();
    }
    if (StorageFaults.kind(cause) != StorageFaults.Kind.OTHER) {
      // Storage failed under Spark or Delta (a table's log, a listing): say what it was.
      return new HuntlakeException(
          ExitCode.FAILED,
          "Step '" + step + "' could not use its storage",
          describe(cause),
          StorageFaults.fix(cause, "storage.*", "is reachable")
              + " Every table commit is atomic: each table holds its old rows or this run's.",
          cause);
    }
    return new HuntlakeException(
        ExitCode.FAILED,
        "Step '" + step + "' failed",
        cause.getClass().getSimpleName() + ": " + firstLine(cause.getMessage()),
        "Rerun with --verbose for the stack trace. Every step is idempotent, so rerunning the"
            + " same command is safe once the cause is fixed.",
        cause);
  }

  /** A feed file held no indicator HuntLake can match, so the feed was left as it was. */
  public static HuntlakeException feedWithoutIndicators(
      String file, String format, List<String> firstProblems) {
    return new HuntlakeException(
        ExitCode.BAD_INPUT,
        "No indicators in " + file + " (read as " + format + "), so the feed was not changed",
        firstProblems.isEmpty()
            ? "the file lists nothing"
            : "no entry is an address, range, domain name or URL; first problems: "
                + String.join("; ", firstProblems),
        "Give a plain list (one indicator per line), a CSV file whose header names the indicator"
            + " column (indicator, ioc, value, ip, domain or url) or a STIX 2.1 bundle; see the"
            + " README section 'Threat intelligence'.",
        null);
  }

  /** A sweep or intel query ran before any feed was loaded. */
  public static HuntlakeException noThreatIntel() {
    return new HuntlakeException(
        ExitCode.USAGE,
        "No threat intelligence is loaded: the lake has no threat_intel table",
        "intel sweep matches the indicators 'intel load' wrote, and none has run on this lake",
        "Load a feed first: 'huntlake intel load --feed NAME FILE' (README 'Threat intelligence').",
        null);
  }

  /** A load would leave a feed with far fewer indicators than it has: often a truncated file. */
  public static HuntlakeException feedWouldShrink(
      String name, String table, long before, long after) {
    return new HuntlakeException(
        ExitCode.BAD_INPUT,
        "Loading "
            + name
            + " would shrink it in "
            + table
            + " from "
            + before
            + " entries to "
            + after
            + ", so nothing was committed",
        "that drops more than half of it, which a truncated or partial download also does",
        "Check the file is complete (its size and last lines against the publisher's). If the"
            + " smaller list is right, rerun with --allow-shrink.",
        null);
  }

  /** The cause as one line: its type and first message line, e.g. "AccessDeniedException: ...". */
  static String describe(Throwable cause) {
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + firstLine(root.getMessage());
  }

  private static String firstLine(String message) {
    // Spark's messages often start with a blank line: take the first line with text.
    return message == null
        ? "no detail given"
        : message
            .lines()
            .map(String::strip)
            .filter(l -> !l.isEmpty())
            .findFirst()
            .orElse("no detail given");
  }
}
