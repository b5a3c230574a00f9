package io.huntlake.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvaluationTest {
  private static final LocalDate D1 = LocalDate.of(2026, 11, 8);
  private static final LocalDate D2 = D1.plusDays(1);
  private static final LocalDate D3 = D1.plusDays(2);

  @Test
  void ranksPrecisionRecallAndQuietDays() {
    List<Evaluation.Scored> scored = new ArrayList<>();
    for (int rank = 1; rank <= 20; rank++) {
      scored.add(row(D1, "user", "u" + rank, 90 - rank, rank));
      scored.add(row(D2, "user", "v" + rank, 40 - rank, rank));
      scored.add(row(D3, "user", "w" + rank, 80 - rank, rank));
    }
    scored.add(row(D3, "workload", "ns/late", 20, 57));
    List<LabelledEntity> labels =
        List.of(
            label(D1, "user", "u3"),
            label(D1, "user", "u12"),
            label(D3, "workload", "ns/late"),
            label(D3, "flow_edge", "a -> b"));

    Evaluation.Report report = Evaluation.evaluate(scored, labels, D1, D3, 50);

    assertThat(report.outcomes())
        .extracting(Evaluation.Outcome::rank)
        .containsExactly(Optional.of(3), Optional.of(12), Optional.of(57), Optional.empty());
    Evaluation.Day first = report.days().get(0);
    assertThat(first.precisionAtK()).containsEntry(5, 0.2).containsEntry(20, 0.1);
    assertThat(first.recallAtK())
        .containsEntry(5, 0.5)
        .containsEntry(10, 0.5)
        .containsEntry(20, 1.0);
    assertThat(report.days().get(1).quiet()).isTrue();
    assertThat(report.quietDayMaxScore()).isEqualTo(39);
    assertThat(report.noisyQuietDays()).isEmpty();
    // Overall recall: 2 of the 4 labels are in a top 20.
    assertThat(report.recallAtK()).containsEntry(20, 0.5);
    // Overall precision: the mean over the two labelled days.
    assertThat(report.precisionAtK().get(5)).isEqualTo((0.2 + 0) / 2);
    assertThat(EvaluationText.table(report)).contains("secret-enumeration", "  quiet");
    assertThat(EvaluationText.json(report)).contains("\"quiet_day_max_score\" : 39.0");
  }

  @Test
  void aQuietDayAtTheThresholdIsReported() {
    List<Evaluation.Scored> scored = List.of(row(D2, "user", "noisy", 50, 1));
    Evaluation.Report report = Evaluation.evaluate(scored, List.of(), D2, D2, 50);
    assertThat(report.noisyQuietDays()).containsExactly(D2);
  }

  @Test
  void anEdgeNamedOnlyByItsAddressesStillCountsAndSaysSo() {
    List<Evaluation.Scored> scored =
        List.of(
            row(D1, "flow_edge", "10.101.0.2 -> 45.153.160.110:443", 75, 1),
            row(D1, "flow_edge", "10.101.0.9 -> 10.101.0.3:9092", 20, 2));
    LabelledEntity exfiltration =
        new LabelledEntity(
            D1,
            "data-exfiltration",
            "attack",
            "flow_edge",
            "payments/payments-db -> 45.153.160.110:443",
            "c",
            List.of("10.101.0.2 -> 45.153.160.110:443"),
            List.of());

    Evaluation.Report report = Evaluation.evaluate(scored, List.of(exfiltration), D1, D1, 50);

    Evaluation.Outcome outcome = report.outcomes().get(0);
    assertThat(outcome.rank()).contains(1);
    assertThat(outcome.scoredAs()).contains("10.101.0.2 -> 45.153.160.110:443");
    assertThat(EvaluationText.table(report))
        .contains("payments/payments-db -> 45.153.160.110:443 (scored as 10.101.0.2 -> 45");
  }

  private static Evaluation.Scored row(
      LocalDate day, String type, String id, double score, int rank) {
    return new Evaluation.Scored(day, type, id, "c", score, rank, "established");
  }

  private static LabelledEntity label(LocalDate day, String type, String id) {
    return new LabelledEntity(
        day, "secret-enumeration", "attack", type, id, "c", List.of(), List.of());
  }
}
