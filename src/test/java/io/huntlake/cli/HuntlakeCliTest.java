package io.huntlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Exit codes and messages of the command line, run in-process. */
class HuntlakeCliTest {
  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cli = HuntlakeCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void helpListsOnlyWorkingCommands() {
    Run help = run("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("generate").contains("demo");
  }

  @Test
  void badUsageExitsTwo() {
    assertThat(run("no-such-command").exitCode()).isEqualTo(2);
    assertThat(run("generate", "--days", "many").exitCode()).isEqualTo(2);
    Run zeroDays = run("generate", "--out", "/tmp/never-written", "--days", "0");
    assertThat(zeroDays.exitCode()).isEqualTo(2);
    assertThat(zeroDays.err()).contains("--days").contains("at least one day");
  }

  @Test
  void configErrorsExitTwoWithOneClearMessage(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("bad.yaml");
    Files.writeString(config, "storage:\n  lak: /tmp\n");
    Run run = run("generate", "--config", config.toString(), "--days", "1");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("huntlake: Unknown config key 'storage.lak'")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  @Test
  void generateWritesIntoStorageRawByDefault(@TempDir Path dir) {
    Path raw = dir.resolve("raw");
    Run run = run("generate", "--set", "storage.raw=" + raw, "--days", "1", "--seed", "3");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(raw.resolve("manifest.json")).exists();
    assertThat(run.out())
        .contains("Generated")
        .contains("audit")
        .contains("container")
        .contains("flow");
    Run again = run("generate", "--set", "storage.raw=" + raw, "--days", "1");
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).contains("is not empty");
  }

  @Test
  void rulesListAndShowDescribeTheCatalogueWithoutSpark() {
    Run list = run("rules", "list");
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out())
        .contains("k8s-exec-suspicious-command", "high", "T1609,T1059.004")
        .containsPattern("\\d+ rules, \\d+ enabled");
    Run disabled = run("rules", "list", "--set", "detect.disabled_rules=k8s-port-forward");
    assertThat(disabled.out()).containsPattern("k8s-port-forward .*\\[disabled]");

    Run show = run("rules", "show", "k8s-secret-get-burst");
    assertThat(show.exitCode()).isZero();
    assertThat(show.out())
        .contains("min_secrets = 10", "detect.params.k8s-secret-get-burst.NAME", "FROM reads")
        .contains("match     twelve secrets read in three minutes");

    Run unknown = run("rules", "show", "k8s-exec-into-pods");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("There is no rule 'k8s-exec-into-pods'", "rules list");
  }

  @Test
  void aBrokenUserRuleStopsTheCatalogueNamingTheFileAndField(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("my-rule.yaml"),
        "id: my-rule\ntitle: Mine\nseverity: urgent\nkind: event\nattack: [T1609]\n");
    Run run = run("rules", "list", "--set", "detect.rules_dir=" + dir);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("Rule " + dir.getFileName() + "/my-rule.yaml is not valid")
        .contains("severity 'urgent' is unknown");
  }
}
