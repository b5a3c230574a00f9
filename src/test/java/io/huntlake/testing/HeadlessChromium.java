package io.huntlake.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Opens a local HTML file in headless Chromium (Debian's {@code chromium}, which .ci/run installs)
 * and takes a screenshot, collecting what the page wrote to its console: script errors, failed
 * loads and SVG attributes the browser could not parse all land there.
 */
public final class HeadlessChromium {
  private HeadlessChromium() {}

  /** The page's console lines, and whether the screenshot was written. */
  public record Result(List<String> console, boolean screenshot, String output) {}

  /** The browser on PATH, if there is one. */
  public static Optional<Path> find() {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  public static Result screenshot(Path browser, Path page, Path png, int width, int height)
      throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("huntlake-chromium");
    Path log = Files.createTempFile("huntlake-chromium", ".log");
    Process process =
        new ProcessBuilder(
                browser.toString(),
                "--headless",
                "--no-sandbox", // tests may run as root, where Chromium's sandbox refuses to start
                "--disable-gpu",
                "--no-first-run",
                "--user-data-dir=" + profile,
                "--enable-logging=stderr",
                "--v=0",
                "--window-size=" + width + "," + height,
                "--screenshot=" + png,
                page.toUri().toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("chromium did not finish within 120 s");
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    List<String> console = output.lines().filter(line -> line.contains(":CONSOLE")).toList();
    return new Result(console, Files.isRegularFile(png) && Files.size(png) > 0, output);
  }
}
