package io.huntlake.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.huntlake.config.ConfigKeys;
import io.huntlake.source.LogSource;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code huntlake sources}: the log sources HuntLake reads, each as its descriptor says
 * (io.huntlake.source.LogSource). The JSON form is what the Airflow DAGs read their per-source
 * tasks from (airflow/dags/huntlake_airflow/sources.json).
 */
@Command(
    name = "sources",
    mixinStandardHelpOptions = true,
    description =
        "List the log sources: id, formats, table, default raw path, delivery expectations.")
final class SourcesCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin FormatOptions formatOptions;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (formatOptions.json()) {
      out.println(json());
    } else {
      out.printf(Locale.ROOT, "%-10s %-18s %-8s %s%n", "id", "table", "delivery", "formats");
      for (LogSource source : LogSource.values()) {
        out.printf(
            Locale.ROOT,
            "%-10s %-18s %-8s %s%n",
            source.id(),
            source.table().name(),
            source.freshness().name().toLowerCase(Locale.ROOT),
            String.join(", ", source.formats().stream().map(LogSource.Format::name).toList()));
      }
    }
    out.flush();
    return 0;
  }

  /** Every source as JSON, in declaration order: what the DAGs' sources.json holds. */
  static String json() {
    List<Map<String, Object>> sources = new ArrayList<>();
    for (LogSource source : LogSource.values()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("id", source.id());
      entry.put("description", source.description());
      entry.put("table", source.table().name());
      entry.put("enabled_by_default", source.enabledByDefault());
      entry.put("default_path", ConfigKeys.sourcePath(source).defaultValue());
      List<Map<String, String>> formats = new ArrayList<>();
      for (LogSource.Format format : source.formats()) {
        Map<String, String> described = new LinkedHashMap<>();
        described.put("name", format.name());
        described.put("description", format.description());
        formats.add(described);
      }
      entry.put("formats", formats);
      entry.put("delivery", source.freshness().name().toLowerCase(Locale.ROOT));
      entry.put("volume_columns", source.volumeColumns());
      entry.put("talker", source.talker());
      sources.add(entry);
    }
    try {
      return new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(Map.of("sources", sources));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
