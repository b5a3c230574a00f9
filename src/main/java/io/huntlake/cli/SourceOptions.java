package io.huntlake.cli;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.error.Errors;
import io.huntlake.source.LogSource;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** --source audit,container,flow, for the commands that read raw day folders. */
final class SourceOptions {
  @Option(
      names = "--source",
      split = ",",
      paramLabel = "audit,container,flow,events",
      description =
          "Sources to read (default: every enabled one). A source with sources.<source>.enabled:"
              + " false is never read: naming it does nothing.")
  List<String> sources;

  /** The named (or all) sources that the config enables. */
  Set<LogSource> selected(HuntlakeConfig config) {
    Set<LogSource> selected = named();
    selected.retainAll(config.enabledSources());
    return selected;
  }

  /** The named sources that the config disables, to say why they were not read. */
  Set<LogSource> disabled(HuntlakeConfig config) {
    Set<LogSource> disabled = named();
    disabled.removeAll(config.enabledSources());
    return disabled;
  }

  private Set<LogSource> named() {
    if (sources == null || sources.isEmpty()) {
      return EnumSet.allOf(LogSource.class);
    }
    Set<LogSource> selected = EnumSet.noneOf(LogSource.class);
    for (String source : sources) {
      try {
        selected.add(LogSource.fromId(source.trim()));
      } catch (IllegalArgumentException e) {
        throw Errors.badArgument(
            "--source",
            "'" + source + "' is not a source",
            "Use audit, container and/or flow, comma-separated.");
      }
    }
    return selected;
  }
}
