package io.huntlake.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huntlake.archive.ArchiveVerifier;
import io.huntlake.config.ConfigLoader;
import io.huntlake.config.HuntlakeConfig;
import io.huntlake.error.Errors;
import io.huntlake.pipeline.DailyPipeline;
import io.huntlake.source.LogSource;
import io.huntlake.synth.Scale;
import io.huntlake.synth.SyntheticCluster;
import io.huntlake.table.HuntlakeTables;
import io.huntlake.table.TableDefinition;
import io.huntlake.volume.VolumeJob;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code huntlake demo}: generates a medium synthetic estate into a work directory, writes a config
 * for it, runs every pipeline step this version has, and says what to look at.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Generate a synthetic estate, run the pipeline on it locally, and show the results.")
final class DemoCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--workdir",
      defaultValue = "demo-work",
      paramLabel = "DIR",
      description = "Work directory (default: ${DEFAULT-VALUE}).")
  Path workdir;

  @Option(
      names = "--days",
      defaultValue = "21",
      paramLabel = "N",
      description = "Days to generate (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(
      names = "--seed",
      defaultValue = GenerateDefaults.SEED,
      paramLabel = "S",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--scale",
      defaultValue = "medium",
      paramLabel = "small|medium|large",
      converter = GenerateCommand.ScaleConverter.class,
      description = "Size of the estate (default: ${DEFAULT-VALUE}).")
  Scale scale;

  @Option(
      names = "--regenerate",
      description = "Generate the raw logs again even if the work directory has them.")
  boolean regenerate;

  @picocli.CommandLine.Mixin ConfigOptions configOptions;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path root = workdir.toAbsolutePath().normalize();
    Path raw = root.resolve("raw");
    LocalDate start = LocalDate.parse(GenerateDefaults.START);
    if (!regenerate && sameDataSet(raw.resolve("manifest.json"), start)) {
      out.println(
          "Reusing the generated logs in "
              + raw
              + " (same seed, scale and days; --regenerate to rebuild).");
    } else {
      out.println(
          "Generating "
              + days
              + " days of a "
              + scale.id()
              + " synthetic estate into "
              + raw
              + " ...");
      out.flush();
      long started = System.nanoTime();
      SyntheticCluster.Summary summary =
          SyntheticCluster.generate(
              new SyntheticCluster.Options(raw, start, days, seed, scale, true));
      GenerateCommand.print(summary, out, (System.nanoTime() - started) / 1e9);
    }
    Path config = writeConfig(root);
    HuntlakeConfig loaded = new ConfigLoader().load(Optional.of(config), configOptions.overrides);
    out.println();
    out.println(
        "Config for this work directory: "
            + config
            + (configOptions.overrides.isEmpty() ? "" : " (+ your --set overrides)"));
    out.println();
    LocalDate last = start.plusDays(days - 1);
    DailyPipeline pipeline = DailyPipeline.standard();
    out.println(
        "Running the daily pipeline ("
            + String.join(", ", pipeline.stepNames())
            + ") for "
            + start
            + " .. "
            + last
            + " ...");
    out.flush();
    SparkSession spark = SparkCommand.session(configOptions, loaded, "demo");
    pipeline.run(
        spark,
        loaded,
        start,
        last,
        line -> {
          out.println("  " + line);
          out.flush();
        });
    DemoSummary.print(spark, loaded, raw.resolve("labels.jsonl"), start, last, out);
    out.println();
    out.println(
        "Capacity report for "
            + last
            + " (volume per source, cluster and talker, forecast, storage), open in a browser:");
    out.println("  " + VolumeJob.defaultReportPath(loaded, last));
    out.println();
    out.println("Archive (" + loaded.storage().archive() + "), as verify-archive sees it:");
    ArchiveVerifier.Result archive =
        new ArchiveVerifier(spark, loaded).verify(Optional.empty(), Optional.empty());
    out.println("  " + archive.summary());
    out.flush();
    if (!archive.intact()) {
      throw Errors.archiveNotIntact(
          archive.problems().stream().map(ArchiveVerifier.Problem::describe).toList());
    }
    return 0;
  }

  private boolean sameDataSet(Path manifest, LocalDate start) {
    if (!Files.isRegularFile(manifest)) {
      return false;
    }
    try {
      JsonNode json = new ObjectMapper().readTree(manifest.toFile());
      return json.path("seed").asLong() == seed
          && json.path("days").asInt() == days
          && scale.id().equals(json.path("scale").asText())
          && start.toString().equals(json.path("start").asText());
    } catch (IOException e) {
      return false;
    }
  }

  /** Days of raw events the demo keeps hot. */
  static final int DEMO_RAW_RETENTION_DAYS = 14;

  /** The registries the generated estate pulls its images from, as an operator would list them. */
  static final String DEMO_REGISTRIES =
      "[ghcr.io/corp-example/, registry.k8s.io/, quay.io/cilium/, quay.io/jetstack/,"
          + " quay.io/argoproj/, quay.io/prometheus/, cr.fluentbit.io/, docker.io/grafana/,"
          + " docker.io/bitnami/, docker.io/envoyproxy/, docker.io/library/postgres,"
          + " docker.io/library/redis, 602401143452.dkr.ecr.us-east-1.amazonaws.com/]";

  /** The demo reads every source the generator writes, also those off by default. */
  private static String sourcesTurnedOn() {
    StringBuilder yaml = new StringBuilder("sources:\n");
    for (LogSource source : LogSource.values()) {
      if (!source.enabledByDefault()) {
        yaml.append("  ").append(source.id()).append(":\n    enabled: true\n");
      }
    }
    return yaml.toString();
  }

  /** The demo's short retention for every table of raw events. */
  private static String rawEventRetention() {
    StringBuilder yaml = new StringBuilder();
    for (TableDefinition table : HuntlakeTables.ALL) {
      if (table.retention() == TableDefinition.Retention.RAW_EVENTS) {
        yaml.append("  ")
            .append(table.name())
            .append(": ")
            .append(DEMO_RAW_RETENTION_DAYS)
            .append('\n');
      }
    }
    return yaml.toString();
  }

  /**
   * The demo's config: the documented defaults with every storage root inside the work directory.
   */
  private static Path writeConfig(Path root) {
    Path config = root.resolve("huntlake.yaml");
    String yaml =
        "# Written by `huntlake demo`: the documented defaults (jobs/huntlake.yaml) with storage in\n"
            + "# this work directory. Use it with any command: --config "
            + config
            + "\n"
            + "storage:\n"
            + "  raw: "
            + root.resolve("raw")
            + "\n"
            + "  lake: "
            + root.resolve("lake")
            + "\n"
            + "  archive: "
            + root.resolve("archive")
            + "\n"
            + "  reports: "
            + root.resolve("reports")
            + "\n"
            + sourcesTurnedOn()
            + "retention:\n"
            + "  # Shorter than the default 30 days, so the demo's three weeks show raw days being\n"
            + "  # archived, verified and deleted (huntlake verify-archive checks them).\n"
            + rawEventRetention()
            + "detect:\n"
            + "  # Where the synthetic estate's images come from; anything else is untrusted.\n"
            + "  trusted_registries: "
            + DEMO_REGISTRIES
            + "\n";
    try {
      Files.createDirectories(root);
      Files.writeString(config, yaml, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw Errors.cannotWrite(config, e);
    }
    return config;
  }
}
