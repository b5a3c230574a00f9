package io.huntlake.ingest;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.source.LogSource;
import io.huntlake.source.SourceFile;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/**
 * Whether a day's raw input has arrived: each source's day folder, listed exactly as ingest lists
 * it, so the scheduler's "is it there yet?" and ingest can never disagree about the layout.
 */
public final class InputCheck {
  private InputCheck() {}

  /** One source's day folder: how many input files it holds, their bytes, the newest file. */
  public record SourceInput(
      LogSource source,
      String folder,
      boolean exists,
      int files,
      long bytes,
      Optional<Instant> newest) {

    /**
     * Whether ingest may run: a source that logs every hour has files; a bursty one (Kubernetes
     * Events) may have a quiet day, so its folder existing is enough.
     */
    public boolean ready() {
      return source.freshness() == LogSource.Freshness.BURSTY ? exists : files > 0;
    }

    /** Why it is not ready, for the error message; empty when it is. */
    public Optional<String> problem() {
      if (!exists) {
        return Optional.of(source.id() + ": " + folder + " does not exist");
      }
      return ready()
          ? Optional.empty()
          : Optional.of(source.id() + ": " + folder + " holds no input files");
    }

    public String describe() {
      return String.format(
          "%-9s %-5s files=%d bytes=%d newest=%s  %s",
          source.id(),
          ready() ? "ready" : "MISSING",
          files,
          bytes,
          newest.map(Instant::toString).orElse("-"),
          folder);
    }
  }

  public static List<SourceInput> check(
      HuntlakeConfig config, Set<LogSource> sources, LocalDate date, Configuration hadoop) {
    List<SourceInput> inputs = new ArrayList<>();
    for (LogSource source : LogSource.values()) {
      if (!sources.contains(source)) {
        continue;
      }
      String folder = config.sourcePath(source).resolve(config.storage().raw(), source, date);
      Optional<InputFiles.DayFiles> listed = InputFiles.list(config, source, date, hadoop);
      List<SourceFile> files = listed.map(InputFiles.DayFiles::files).orElse(List.of());
      inputs.add(
          new SourceInput(
              source,
              folder,
              listed.isPresent(),
              files.size(),
              files.stream().mapToLong(SourceFile::size).sum(),
              files.stream().map(SourceFile::modified).max(Instant::compareTo)));
    }
    return inputs;
  }
}
