package io.huntlake.synth;

import io.huntlake.synth.Model.Pod;
import io.huntlake.synth.Model.Workload;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;

/**
 * What applications write to stdout and stderr: access logs, structured JSON, logfmt, Java with
 * stack traces, database chatter, and now and then a line longer than the runtime's 16 KiB buffer.
 * Busier by day than by night.
 */
final class ContainerTraffic {
  private static final List<String> PATHS =
      List.of(
          "/api/v1/orders",
          "/api/v1/cart",
          "/api/v1/products",
          "/api/v1/payments",
          "/healthz",
          "/api/v1/users/me",
          "/api/v1/search");
  private static final List<String> AGENTS =
      List.of(
          "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
          "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
          "kube-probe/1.30",
          "okhttp/4.12.0");

  private final ClusterModel cluster;

  ContainerTraffic(ClusterModel cluster) {
    this.cluster = cluster;
  }

  /** Diurnal load: quiet at night, busy in the afternoon (UTC), weekends at 60 %. */
  static double load(LocalDate date, int hour) {
    double daily = 0.55 + 0.45 * Math.sin(Math.PI * (hour - 6) / 14.0);
    return Math.max(0.25, daily) * (ClusterModel.isWeekday(date) ? 1.0 : 0.6);
  }

  void hour(LocalDate date, int hour, Consumer<LogLine> out) {
    Rng rng = Rng.of(cluster.seed, cluster.name(), date, hour, "container");
    Instant from = date.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(hour));
    Instant to = from.plus(Duration.ofHours(1));
    double load = load(date, hour) * cluster.scale.logRate();
    for (Pod pod : cluster.podsAlive(from, to)) {
      Workload w = pod.workload();
      Instant start = pod.start().isAfter(from) ? pod.start() : from;
      Instant end = pod.end().isBefore(to) ? pod.end() : to;
      long seconds = Math.max(1, Duration.between(start, end).getSeconds());
      int lines = rng.count(w.logLinesPerHour() * load * seconds / 3600.0);
      for (int i = 0; i < lines; i++) {
        Instant at = rng.instantIn(start, seconds);
        emit(pod, at, rng, out);
      }
      if (w.containers().contains("envoy")) {
        int proxyLines = rng.count(w.logLinesPerHour() * load * seconds / 3600.0 / 4);
        for (int i = 0; i < proxyLines; i++) {
          Instant at = rng.instantIn(start, seconds);
          out.accept(
              new LogLine(
                  pod,
                  "envoy",
                  at,
                  "stdout",
                  "["
                      + at
                      + "] \"GET "
                      + rng.pick(PATHS)
                      + " HTTP/1.1\" 200 - via_upstream - \"-\" 0 "
                      + rng.between(80, 9000)
                      + " "
                      + rng.between(1, 90)
                      + " - \"10.0.0.1\" \""
                      + rng.pick(AGENTS)
                      + "\" \""
                      + rng.uuid()
                      + "\""));
        }
      }
    }
  }

  private static void emit(Pod pod, Instant at, Rng rng, Consumer<LogLine> out) {
    Workload w = pod.workload();
    String container = w.containers().get(0);
    double roll = rng.nextDouble();
    String level = roll < 0.015 ? "error" : roll < 0.06 ? "warn" : roll < 0.12 ? "debug" : "info";
    String stream = level.equals("error") || level.equals("warn") ? "stderr" : "stdout";
    switch (w.logStyle()) {
      case JSON -> {
        if (rng.chance(0.002)) {
          // A response dump far longer than the runtime's 16 KiB line buffer.
          out.accept(
              new LogLine(
                  pod,
                  container,
                  at,
                  "stdout",
                  "{\"level\":\"debug\",\"ts\":\""
                      + at
                      + "\",\"msg\":\"upstream response\",\"body\":\""
                      + rng.base64(24_000)
                      + "\"}"));
          return;
        }
        String msg =
            level.equals("error")
                ? "payment provider timeout"
                : level.equals("warn") ? "retrying request" : "request handled";
        out.accept(
            new LogLine(
                pod,
                container,
                at,
                stream,
                "{\"level\":\""
                    + level
                    + "\",\"ts\":\""
                    + at
                    + "\",\"caller\":\"server/handler.go:"
                    + rng.between(40, 400)
                    + "\",\"msg\":\""
                    + msg
                    + "\",\"path\":\""
                    + rng.pick(PATHS)
                    + "/"
                    + rng.between(1000, 99999)
                    + "\",\"status\":"
                    + (level.equals("error") ? 502 : 200)
                    + ",\"duration_ms\":"
                    + rng.between(1, 400)
                    + ",\"request_id\":\""
                    + rng.uuid()
                    + "\"}"));
      }
      case LOGFMT ->
          out.accept(
              new LogLine(
                  pod,
                  container,
                  at,
                  stream,
                  "ts="
                      + at
                      + " level="
                      + level
                      + " caller="
                      + w.name()
                      + ".go:"
                      + rng.between(20, 300)
                      + " msg=\""
                      + (level.equals("error") ? "query failed" : "query completed")
                      + "\" duration="
                      + rng.between(1, 900)
                      + "ms items="
                      + rng.nextInt(50)));
      case NGINX_ACCESS -> {
        int status = roll < 0.02 ? 502 : roll < 0.07 ? 404 : roll < 0.09 ? 401 : 200;
        out.accept(
            new LogLine(
                pod,
                "controller",
                at,
                "stdout",
                "198.51.100."
                    + rng.between(1, 254)
                    + " - - ["
                    + java.time.format.DateTimeFormatter.ofPattern(
                            "dd/MMM/yyyy:HH:mm:ss Z", java.util.Locale.ROOT)
                        .withZone(ZoneOffset.UTC)
                        .format(at)
                    + "] \"GET "
                    + rng.pick(PATHS)
                    + " HTTP/1.1\" "
                    + status
                    + " "
                    + rng.between(90, 20000)
                    + " \"-\" \""
                    + rng.pick(AGENTS)
                    + "\" "
                    + rng.between(200, 900)
                    + " 0."
                    + String.format("%03d", rng.nextInt(900))
                    + " ["
                    + w.namespace()
                    + "-upstream-8080] [] 10.100.0."
                    + rng.between(2, 200)
                    + ":8080 "
                    + rng.between(90, 20000)
                    + " 0."
                    + String.format("%03d", rng.nextInt(900))
                    + " "
                    + status
                    + " "
                    + rng.hex(32)));
      }
      case JAVA -> {
        String thread = "http-nio-8080-exec-" + rng.between(1, 40);
        if (level.equals("error")) {
          out.accept(
              new LogLine(
                  pod,
                  container,
                  at,
                  "stderr",
                  at
                      + " ERROR 1 --- ["
                      + thread
                      + "] c.e.checkout.PaymentClient : Payment call failed"));
          out.accept(
              new LogLine(
                  pod,
                  container,
                  at.plusNanos(1000),
                  "stderr",
                  "java.net.SocketTimeoutException: Read timed out"));
          for (String frame :
              List.of(
                  "at java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)",
                  "at com.example.checkout.PaymentClient.charge(PaymentClient.java:87)",
                  "at com.example.checkout.CheckoutService.placeOrder(CheckoutService.java:142)")) {
            out.accept(new LogLine(pod, container, at.plusNanos(2000), "stderr", "\t" + frame));
          }
        } else {
          out.accept(
              new LogLine(
                  pod,
                  container,
                  at,
                  stream,
                  at
                      + " "
                      + level.toUpperCase(java.util.Locale.ROOT)
                      + " 1 --- ["
                      + thread
                      + "] c.e.checkout.CheckoutController : order "
                      + rng.between(100000, 999999)
                      + " placed in "
                      + rng.between(5, 300)
                      + " ms"));
        }
      }
      case POSTGRES ->
          out.accept(
              new LogLine(
                  pod,
                  container,
                  at,
                  "stderr",
                  at.toString().replace('T', ' ').replace("Z", " UTC")
                      + " ["
                      + rng.between(100, 9999)
                      + "] LOG:  "
                      + (roll < 0.5
                          ? "checkpoint complete: wrote " + rng.between(10, 900) + " buffers"
                          : "duration: " + rng.between(1, 300) + ".123 ms  statement: SELECT 1")));
      case PLAIN ->
          out.accept(
              new LogLine(
                  pod,
                  container,
                  at,
                  stream,
                  (level.equals("info")
                          ? "I"
                          : level.equals("warn") ? "W" : level.equals("error") ? "E" : "I")
                      + java.time.format.DateTimeFormatter.ofPattern("MMdd HH:mm:ss.SSSSSS")
                          .withZone(ZoneOffset.UTC)
                          .format(at)
                      + "       1 "
                      + w.name()
                      + ".go:"
                      + rng.between(10, 500)
                      + "] "
                      + (level.equals("error")
                          ? "sync failed, will retry"
                          : "synced " + rng.between(1, 200) + " objects")));
    }
  }
}
