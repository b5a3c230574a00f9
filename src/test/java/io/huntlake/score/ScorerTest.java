package io.huntlake.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.huntlake.config.ConfigLoader;
import io.huntlake.config.ScoreSettings;
import io.huntlake.features.EntityFeatures;
import io.huntlake.testing.SharedSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedSpark.class)
class ScorerTest {
  private static final ScoreSettings DEFAULTS =
      new ConfigLoader(Map.of(), Path.of(".")).load(Optional.empty(), List.of()).score();
  private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

  @Test
  void reasonsCombineIntoAnExplainedRankedScore(SparkSession spark) {
    ScoringInput input =
        new Inputs(spark, EntityFeatures.USER)
            .entity("dave", "established", 14)
            .numeric("dave", "secret_reads", 40, 0.0, 0.0, 1.0, 1.0, 3.0, 10)
            .key("dave", "access_set", "list secrets *", true, null, 9, 10)
            .entity("quiet", "established", 14)
            .numeric("quiet", "secret_reads", 0, 0.0, 0.0, 1.0, 1.0, 3.0, 10)
            .entity("cold", "warming_up", 0)
            .build();
    Map<String, Row> scores =
        Scorer.ranked(new Scorer(DEFAULTS).score(input, DAY)).collectAsList().stream()
            .collect(Collectors.toMap(r -> r.<String>getAs("entity_id"), r -> r));

    Row dave = scores.get("dave");
    // deviation 1.0 × weight 1.0 + novelty 0.5 × weight 0.8 = 1.4; 100 × (1 − e^−1.4) = 75.3
    assertThat(dave.<Double>getAs("score")).isEqualTo(75.3);
    assertThat(dave.<Integer>getAs("rank")).isEqualTo(1);
    assertThat(dave.<Boolean>getAs("alert")).isTrue();
    List<Row> reasons = dave.getList(dave.fieldIndex("reasons"));
    assertThat(reasons)
        .extracting(r -> r.<String>getAs("kind"))
        .containsExactly("deviation", "novelty");
    assertThat(reasons.get(0).<Double>getAs("contribution")).isCloseTo(75.3 / 1.4, within(0.05));
    assertThat(reasons.stream().mapToDouble(r -> r.<Double>getAs("contribution")).sum())
        .isCloseTo(75.3, within(0.1));
    assertThat(dave.<String>getAs("summary"))
        .startsWith(
            "secret_reads 40 vs 0, its own 14-day median (robust z 20.0); 1 new access_set");
    assertThat(dave.<String>getAs("model_version")).isEqualTo(DEFAULTS.modelVersion());
    assertThat(dave.<LocalDate>getAs("baseline_window_start")).isEqualTo(DAY.minusDays(14));

    Row quiet = scores.get("quiet");
    assertThat(quiet.<Double>getAs("score")).isZero();
    assertThat(quiet.<String>getAs("summary")).isEqualTo("normal");
    assertThat(quiet.getList(quiet.fieldIndex("reasons"))).isEmpty();

    Row cold = scores.get("cold");
    assertThat(cold.<Double>getAs("score")).isZero();
    assertThat(cold.<String>getAs("baseline_status")).isEqualTo("warming_up");
    assertThat(cold.<String>getAs("summary"))
        .isEqualTo("not scored: the cluster has 2 of the 5 days of history scoring needs");
  }

  @Test
  void featuresOfOneSignalCountOnce(SparkSession spark) {
    // One connection: a new destination, its port and its DNS name, plus a burst of egress bytes.
    ScoringInput input =
        new Inputs(spark, EntityFeatures.WORKLOAD)
            .entity("ns/app", "established", 14)
            .key("ns/app", "destination_set", "db/postgres", false, null, 0, 10)
            .key("ns/app", "destination_set", "db/replica", false, null, 0, 10)
            .key("ns/app", "dst_port_set", "TCP/5432", false, null, 0, 10)
            .key("ns/app", "dns_name_set", "postgres.db.svc.cluster.local.", false, null, 0, 10)
            .numeric("ns/app", "egress_flows", 999, 99.0, 5.0, 99.0, 5.0, 200.0, 10)
            .numeric("ns/app", "egress_bytes", 1e6 - 1, 1e4 - 1, 1e3, 1e4, 1e3, 2e4, 10)
            .build();
    Row app = new Scorer(DEFAULTS).score(input, DAY).collectAsList().get(0);

    List<Row> reasons = app.getList(app.fieldIndex("reasons"));
    assertThat(reasons)
        .extracting(r -> r.<String>getAs("kind") + " " + r.<String>getAs("feature"))
        .containsExactlyInAnyOrder(
            "novelty destination_set", "peer_rarity destination_set", "volume egress_bytes");
    Row novelty =
        reasons.stream().filter(r -> r.<String>getAs("kind").equals("novelty")).findFirst().get();
    assertThat(novelty.<String>getAs("detail"))
        .endsWith("(counted once with dns_name_set, dst_port_set)");
    // novelty 2/4 × 0.8 + rarity 2/4 × 0.7 + volume log(100)/log(50) capped at 1 × 0.8 = 1.55
    assertThat(app.<Double>getAs("score")).isCloseTo(100 * (1 - Math.exp(-1.55)), within(0.05));
  }
}
