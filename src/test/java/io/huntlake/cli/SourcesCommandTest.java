package io.huntlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.huntlake.testing.Projects;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code huntlake sources} and the copy of its JSON the Airflow DAGs read. */
class SourcesCommandTest {
  private static final Path DAGS_COPY =
      Path.of("airflow", "dags", "huntlake_airflow", "sources.json");

  @Test
  void theDagsReadTheSourcesTheJarDescribes() throws IOException {
    assertThat(Files.readString(Projects.root().resolve(DAGS_COPY)).strip())
        .as("%s is stale: jobs/huntlake sources --format json > %s", DAGS_COPY, DAGS_COPY)
        .isEqualTo(SourcesCommand.json().strip());
  }

  @Test
  void theTableListsEverySourceWithItsTable() {
    StringWriter out = new StringWriter();
    picocli.CommandLine command = HuntlakeCli.commandLine();
    command.setOut(new PrintWriter(out));
    assertThat(command.execute("sources")).isZero();
    assertThat(out.toString())
        .contains("audit      audit_events")
        .contains("events     k8s_events         bursty");
  }
}
