package io.huntlake.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.huntlake.error.Errors;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes a job's run report as JSON to {@code <storage.reports>/<job>/<date>.json} (local or object
 * storage), replacing the report of an earlier run of the same job and date.
 */
public final class RunReports {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private RunReports() {}

  /**
   * @return where the report was written
   */
  public static String write(
      Configuration hadoop, String reportsRoot, String job, LocalDate date, Object report) {
    return write(hadoop, reportsRoot, job, date.toString(), report);
  }

  /**
   * Writes {@code <reports>/<job>/<name>.json}; {@code name} starts with the date, and names the
   * part of the day a run covered when runs of the same day cover different parts.
   */
  public static String write(
      Configuration hadoop, String reportsRoot, String job, String name, Object report) {
    try {
      return writeText(
          hadoop,
          reportsRoot + "/" + job + "/" + name + ".json",
          "storage.reports",
          JSON.writeValueAsString(report));
    } catch (IOException e) { // Jackson's JsonProcessingException: the report is not serialisable
      throw new IllegalStateException("run report of " + job + " is not serialisable", e);
    }
  }

  /**
   * Writes UTF-8 text to a local path or URI, replacing what was there.
   *
   * @param setting the setting that chose the location, named if it cannot be written
   * @return where the text was written
   */
  public static String writeText(
      Configuration hadoop, String location, String setting, String text) {
    Path path = new Path(location);
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      try (OutputStream out = fs.create(path, true)) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
      return path.toString();
    } catch (IOException e) {
      throw Errors.storageUnwritable(path.toString(), setting, e);
    }
  }
}
