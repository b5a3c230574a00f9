package io.huntlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.huntlake.error.ExitCode;
import io.huntlake.synth.Scale;
import io.huntlake.synth.SyntheticCluster;
import io.huntlake.testing.RawLogs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code huntlake inputs}: the scheduler's "has the day arrived?" check, on a generated day's raw
 * folders. It must agree with ingest's listing, name what is missing, and exit 4 (retry later),
 * never 1 or 0, while anything is.
 */
class InputsCommandTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 1);
  @TempDir static Path dir;
  private static Path raw;

  @BeforeAll
  static void generateOneDay() {
    raw = dir.resolve("raw");
    SyntheticCluster.generate(new SyntheticCluster.Options(raw, DAY, 1, 7, Scale.SMALL, false));
  }

  private record Run(int exitCode, String out, String err) {}

  private static Run inputs(Path rawRoot, String... extra) {
    CommandLine cli = HuntlakeCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] args =
        Stream.concat(
                Stream.of("inputs", "--set", "storage.raw=" + rawRoot, "--date", DAY.toString()),
                Stream.of(extra))
            .toArray(String[]::new);
    return new Run(cli.execute(args), out.toString(), err.toString());
  }

  @Test
  void everySourceThereExitsZeroWithCounts() throws IOException {
    Run run = inputs(raw);
    assertThat(run.exitCode()).as(run.err()).isZero();
    for (String source : new String[] {"audit", "container", "flow"}) {
      long files;
      try (Stream<Path> listed = Files.walk(raw.resolve(source).resolve("dt=" + DAY))) {
        files = listed.filter(Files::isRegularFile).count();
      }
      assertThat(files).as("generated %s files", source).isPositive();
      assertThat(run.out())
          .as("the %s line counts the files on disk", source)
          .containsPattern("(?m)^  " + source + " +ready +files=" + files + " bytes=[1-9]");
    }
  }

  @Test
  void aMissingOrEmptySourceExitsFourNamingIt() throws IOException {
    Path partial = dir.resolve("partial");
    RawLogs.copyTree(raw, partial);
    delete(partial.resolve("flow"));
    // A folder that exists but holds only a marker file has not delivered either.
    Path container = partial.resolve("container").resolve("dt=" + DAY);
    delete(container);
    Files.createDirectories(container);
    Files.writeString(container.resolve("_SUCCESS"), "");

    Run run = inputs(partial);
    assertThat(run.exitCode()).isEqualTo(ExitCode.INPUT_NOT_READY.code()).isEqualTo(4);
    assertThat(run.out()).containsPattern("(?m)^  audit +ready");
    assertThat(run.err())
        .startsWith("huntlake: The raw logs for " + DAY + " are not all there")
        .contains("container: " + container + " holds no input files")
        .contains("flow: " + partial.resolve("flow").resolve("dt=" + DAY) + " does not exist")
        .contains("--allow-missing");

    Run onlyAudit = inputs(partial, "--source", "audit");
    assertThat(onlyAudit.exitCode()).as("only the sources asked for count").isZero();

    Run disabled =
        inputs(
            partial,
            "--set",
            "sources.flow.enabled=false",
            "--set",
            "sources.container.enabled=false");
    assertThat(disabled.exitCode()).as("disabled sources are not waited for").isZero();
    assertThat(disabled.out()).containsPattern("(?m)^  flow +disabled");
  }

  @Test
  void aBurstySourceIsReadyOnceItsFolderExists() throws IOException {
    Path quiet = dir.resolve("quiet-events");
    RawLogs.copyTree(raw, quiet);
    // A day without a single Kubernetes Event: the exporter's folder is there, empty.
    Path events = quiet.resolve("events").resolve("dt=" + DAY);
    delete(events);
    Files.createDirectories(events);
    Run empty = inputs(quiet, "--set", "sources.events.enabled=true");
    assertThat(empty.exitCode()).as(empty.err()).isZero();
    assertThat(empty.out()).containsPattern("(?m)^  events +ready +files=0");

    delete(events);
    Run missing = inputs(quiet, "--set", "sources.events.enabled=true");
    assertThat(missing.exitCode()).isEqualTo(ExitCode.INPUT_NOT_READY.code());
    assertThat(missing.err()).contains("events: " + events + " does not exist");
  }

  @Test
  void ingestOfOnlyDisabledSourcesReadsNothingAndSucceeds() {
    // The daily DAG runs one ingest per source; a deployment that does not archive flows
    // disables them in its config rather than editing the DAG.
    CommandLine cli = HuntlakeCli.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(new StringWriter()));
    int code =
        cli.execute(
            "ingest",
            "--set",
            "storage.raw=" + dir.resolve("nothing-here"),
            "--set",
            "sources.flow.enabled=false",
            "--source",
            "flow",
            "--date",
            DAY.toString());
    assertThat(code).isZero();
    assertThat(out.toString()).contains("flow is disabled (sources.flow.enabled: false); not read");
  }

  private static void delete(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
