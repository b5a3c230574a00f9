package io.huntlake.evaluate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How well the scores find the labelled entities: per day and overall, precision and recall at k of
 * the labelled entities among the day's top scores, each labelled entity's rank, and the top score
 * of quiet days (no scenario), which should stay below the alert threshold. Plain Java over rows
 * already read, so it is tested without Spark.
 */
public final class Evaluation {
  /** The cut-offs precision and recall are reported at. */
  public static final List<Integer> KS = List.of(5, 10, 20);

  private Evaluation() {}

  /** One scored entity of one day, as read from anomaly_scores. */
  public record Scored(
      LocalDate date,
      String entityType,
      String entityId,
      String cluster,
      double score,
      int rank,
      String status) {}

  /** Where a labelled entity ended up (rank and score empty when it was not scored at all). */
  /**
   * @param scoredAs the id the entity was scored under when it differs from the label's (an edge
   *     named by its addresses)
   */
  public record Outcome(
      LabelledEntity label,
      Optional<Integer> rank,
      Optional<Double> score,
      Optional<String> scoredAs) {}

  /** One day's figures. */
  public record Day(
      LocalDate date,
      int labelled,
      Map<Integer, Double> precisionAtK,
      Map<Integer, Double> recallAtK,
      double topScore,
      boolean scored) {
    public boolean quiet() {
      return labelled == 0;
    }
  }

  /** The whole evaluation. */
  public record Report(
      List<Outcome> outcomes,
      List<Day> days,
      Map<Integer, Double> precisionAtK,
      Map<Integer, Double> recallAtK,
      double quietDayMaxScore,
      double alertThreshold) {

    /** Quiet, scored days whose top score reached the alert threshold. */
    public List<LocalDate> noisyQuietDays() {
      return days.stream()
          .filter(d -> d.quiet() && d.scored() && d.topScore() >= alertThreshold)
          .map(Day::date)
          .toList();
    }
  }

  /**
   * @param scored the scored rows of the days (at least each day's top {@code max(KS)} and every
   *     labelled entity's row)
   * @param labels the labels of the same days
   */
  public static Report evaluate(
      List<Scored> scored,
      List<LabelledEntity> labels,
      LocalDate from,
      LocalDate to,
      double alertThreshold) {
    Map<String, Scored> byEntity = new LinkedHashMap<>();
    Map<LocalDate, List<Scored>> byDay = new TreeMap<>();
    for (Scored row : scored) {
      byEntity.put(key(row.date(), row.entityType(), row.entityId(), row.cluster()), row);
      byDay.computeIfAbsent(row.date(), d -> new ArrayList<>()).add(row);
    }
    List<Outcome> outcomes = new ArrayList<>();
    for (LabelledEntity label : labels) {
      if (label.date().isBefore(from) || label.date().isAfter(to)) {
        continue;
      }
      Scored row =
          byEntity.get(key(label.date(), label.entityType(), label.entityId(), label.cluster()));
      // An edge HuntLake could only name by its addresses still counts, and says so.
      for (int i = 0; row == null && i < label.addressIds().size(); i++) {
        row =
            byEntity.get(
                key(label.date(), label.entityType(), label.addressIds().get(i), label.cluster()));
      }
      Optional<Scored> found = Optional.ofNullable(row);
      outcomes.add(
          new Outcome(
              label,
              found.map(Scored::rank),
              found.map(Scored::score),
              found.map(Scored::entityId).filter(id -> !id.equals(label.entityId()))));
    }
    List<Day> days = new ArrayList<>();
    Map<Integer, Double> precisionSum = new TreeMap<>();
    Map<Integer, Integer> foundSum = new TreeMap<>();
    int labelledDays = 0;
    double quietMax = 0;
    for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
      LocalDate day = date;
      List<Outcome> today = outcomes.stream().filter(o -> o.label().date().equals(day)).toList();
      List<Scored> rows = byDay.getOrDefault(day, List.of());
      double top = rows.stream().mapToDouble(Scored::score).max().orElse(0);
      boolean scoredDay = rows.stream().anyMatch(r -> !r.status().equals("warming_up"));
      Map<Integer, Double> precision = new TreeMap<>();
      Map<Integer, Double> recall = new TreeMap<>();
      for (int k : KS) {
        long found = today.stream().filter(o -> o.rank().filter(r -> r <= k).isPresent()).count();
        precision.put(k, today.isEmpty() ? 0 : (double) found / k);
        recall.put(k, today.isEmpty() ? 0 : (double) found / today.size());
        if (!today.isEmpty()) {
          precisionSum.merge(k, (double) found / k, Double::sum);
          foundSum.merge(k, (int) found, Integer::sum);
        }
      }
      if (!today.isEmpty()) {
        labelledDays++;
      } else if (scoredDay) {
        quietMax = Math.max(quietMax, top);
      }
      days.add(new Day(day, today.size(), precision, recall, top, scoredDay));
    }
    Map<Integer, Double> precision = new TreeMap<>();
    Map<Integer, Double> recall = new TreeMap<>();
    for (int k : KS) {
      precision.put(k, labelledDays == 0 ? 0 : precisionSum.getOrDefault(k, 0.0) / labelledDays);
      recall.put(
          k, outcomes.isEmpty() ? 0 : (double) foundSum.getOrDefault(k, 0) / outcomes.size());
    }
    outcomes.sort(Comparator.comparing(o -> o.label().date()));
    return new Report(outcomes, days, precision, recall, quietMax, alertThreshold);
  }

  private static String key(LocalDate date, String type, String id, String cluster) {
    return date + "|" + type + "|" + cluster + "|" + id;
  }
}
