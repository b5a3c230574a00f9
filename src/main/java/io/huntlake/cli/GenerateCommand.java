package io.huntlake.cli;

import io.huntlake.synth.Scale;
import io.huntlake.synth.SyntheticCluster;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code huntlake generate}: writes a synthetic estate's raw logs with labelled scenarios. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Generate raw Kubernetes logs of four synthetic clusters (kubeadm, EKS, AKS, k3s) in every"
          + " archived format ingest reads, with labelled attack scenarios.",
      "Writes <out>/<source>/dt=<date>/cluster=<name>/..., <out>/labels.jsonl and"
          + " <out>/manifest.json. The same options always give the same bytes."
    })
final class GenerateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @picocli.CommandLine.Mixin ConfigOptions configOptions;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Output directory, empty unless --overwrite (default: storage.raw of the config, which"
              + " must be a local path).")
  Path out;

  @Option(
      names = "--days",
      defaultValue = "7",
      paramLabel = "N",
      description = "Number of days (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(
      names = "--start",
      defaultValue = GenerateDefaults.START,
      paramLabel = "YYYY-MM-DD",
      description = "First day, UTC (default: ${DEFAULT-VALUE}).")
  LocalDate start;

  @Option(
      names = "--seed",
      defaultValue = GenerateDefaults.SEED,
      paramLabel = "S",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--scale",
      defaultValue = "small",
      paramLabel = "small|medium|large",
      description =
          "small: unit tests; medium: the demo; large: >2 GB of audit log per day (default: ${DEFAULT-VALUE}).",
      converter = ScaleConverter.class)
  Scale scale;

  @Option(names = "--overwrite", description = "Replace the contents of a non-empty --out.")
  boolean overwrite;

  @Override
  public Integer call() {
    long started = System.nanoTime();
    Path target = out != null ? out.toAbsolutePath() : localRaw();
    SyntheticCluster.Summary summary =
        SyntheticCluster.generate(
            new SyntheticCluster.Options(target, start, days, seed, scale, overwrite));
    print(summary, spec.commandLine().getOut(), (System.nanoTime() - started) / 1e9);
    return 0;
  }

  private Path localRaw() {
    String raw = configOptions.load().storage().raw();
    if (raw.contains("://") && !raw.startsWith("file://")) {
      throw io.huntlake.error.Errors.badArgument(
          "--out",
          "storage.raw is " + raw + ", not a local path",
          "Pass --out DIR; generate writes local files (copy them to object storage afterwards).");
    }
    return Path.of(raw.replaceFirst("^file://", ""));
  }

  static void print(SyntheticCluster.Summary summary, PrintWriter out, double seconds) {
    long bytes = 0;
    out.printf(
        Locale.ROOT,
        "Generated %d files under %s in %.1f s%n",
        summary.files(),
        summary.out(),
        seconds);
    for (Map.Entry<String, long[]> source : summary.perSource().entrySet()) {
      long[] s = source.getValue();
      bytes += s[2];
      out.printf(
          Locale.ROOT,
          "  %-9s %6d files %,12d events %,10.1f MB raw %,9.1f MB stored%n",
          source.getKey(),
          s[0],
          s[1],
          s[2] / 1e6,
          s[3] / 1e6);
    }
    out.printf(Locale.ROOT, "  %d labelled scenarios (labels.jsonl):%n", summary.labels());
    summary.scenarios().forEach(line -> out.println("    " + line));
    out.printf(
        Locale.ROOT, "  %.1f MB/s of uncompressed log%n", bytes / 1e6 / Math.max(seconds, 1e-3));
    out.flush();
  }

  /** Accepts small, medium and large in any case. */
  static final class ScaleConverter implements picocli.CommandLine.ITypeConverter<Scale> {
    @Override
    public Scale convert(String value) {
      try {
        return Scale.parse(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "'" + value + "' is not one of small, medium, large");
      }
    }
  }
}
