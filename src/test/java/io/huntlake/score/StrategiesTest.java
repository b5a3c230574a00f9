package io.huntlake.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.huntlake.config.ConfigLoader;
import io.huntlake.config.ScoreSettings;
import io.huntlake.features.EntityFeatures;
import io.huntlake.testing.SharedSpark;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each scoring strategy on hand-built inputs, with the documented default settings. */
@ExtendWith(SharedSpark.class)
class StrategiesTest {
  private static final ScoreSettings DEFAULTS =
      new ConfigLoader(Map.of(), Path.of(".")).load(Optional.empty(), List.of()).score();

  @Test
  void robustDeviationFlagsACountFarAboveTheEntitysOwnMedian(SparkSession spark) {
    ScoringInput input =
        new Inputs(spark, EntityFeatures.USER)
            .entity("dave", "established", 14)
            .numeric("dave", "secret_reads", 40, 0.0, 0.0, 1.0, 1.0, 3.0, 10)
            .numeric("dave", "forbidden", 3, 0.0, 0.0, 0.0, 0.0, 1.0, 10)
            .build();
    Map<String, Row> reasons =
        byFeature(new RobustDeviation().reasons(input, DEFAULTS).collectAsList());
    // The spread is floored at min_scale 2: (40 - 0) / 2 = z 20, past full_z: full strength.
    assertThat(reasons).containsOnlyKeys("secret_reads");
    Row secrets = reasons.get("secret_reads");
    assertThat(secrets.<Double>getAs("deviation")).isCloseTo(20.0, within(1e-9));
    assertThat(secrets.<Double>getAs("strength")).isEqualTo(1.0);
    assertThat(secrets.<String>getAs("detail"))
        .isEqualTo("secret_reads 40 vs 0, its own 14-day median (robust z 20.0)");
  }

  @Test
  void robustDeviationIgnoresWobblesOfBusySteadyEntitiesAndVolumes(SparkSession spark) {
    ScoringInput input =
        new Inputs(spark, EntityFeatures.USER)
            .entity("controller", "established", 14)
            // MAD 0, but 10% of the median (100) is the least spread assumed: z 0.5.
            .numeric("controller", "reads", 1050, 1000.0, 0.0, 1000.0, 0.0, 1000.0, 10)
            // A ratio has its own floor (0.05): 0.1 over 0.02 is z 1.6.
            .numeric("controller", "denied_ratio", 0.1, 0.02, 0.0, 0.0, 0.0, 0.0, 10)
            // Volumes are VolumeChange's, never deviation's.
            .numeric("controller", "requests", 90000, 1000.0, 10.0, 1000.0, 0.0, 1000.0, 10)
            .build();
    assertThat(new RobustDeviation().reasons(input, DEFAULTS).count()).isZero();
  }

  @Test
  void aNewEntityIsMeasuredFromTheTopOfItsPeersRange(SparkSession spark) {
    ScoringInput input =
        new Inputs(spark, EntityFeatures.USER)
            .entity("grafana", "new", 0)
            .numeric("grafana", "forbidden", 30, null, null, 0.0, 0.0, 2.0, 10)
            .numeric("grafana", "namespaces", 3, null, null, 2.0, 1.0, 4.0, 10)
            .entity("tiny-group", "new", 0)
            .numeric("tiny-group", "forbidden", 30, null, null, 0.0, 0.0, 2.0, 2)
            .entity("cold", "warming_up", 0)
            .numeric("cold", "forbidden", 30, null, null, 0.0, 0.0, 2.0, 10)
            .build();
    List<Row> reasons = new RobustDeviation().reasons(input, DEFAULTS).collectAsList();
    assertThat(reasons).hasSize(1);
    assertThat(reasons.get(0).<String>getAs("entity_id")).isEqualTo("grafana");
    assertThat(reasons.get(0).<Double>getAs("baseline")).isEqualTo(2.0);
    assertThat(reasons.get(0).<String>getAs("detail"))
        .isEqualTo("forbidden 30 vs 2, the 95th percentile of its peers in g (robust z 14.0)");
  }

  @Test
  void noveltyCountsNewKeysWithSensitiveOnesWeighingMore(SparkSession spark) {
    ScoringInput input =
        new Inputs(spark, EntityFeatures.USER)
            .entity("ci", "established", 14)
            .key("ci", "access_set", "create clusterrolebindings *", true, null, 0, 10)
            .key("ci", "access_set", "get deployments", false, 14, 3, 10)
            .key("ci", "user_agent_set", "curl", false, null, 1, 10)
            .entity("known", "established", 14)
            .key("known", "access_set", "get pods", false, 12, 9, 10)
            .entity("fresh", "new", 1)
            .key("fresh", "access_set", "get pods", false, 1, 9, 10)
            .build();
    Map<String, Row> reasons =
        new Novelty()
            .reasons(input, DEFAULTS).collectAsList().stream()
                .collect(
                    Collectors.toMap(
                        r -> r.<String>getAs("entity_id") + "/" + r.getAs("feature"), r -> r));
    assertThat(reasons).containsOnlyKeys("ci/access_set", "ci/user_agent_set", "fresh/new_entity");
    // One sensitive key counts as sensitive_weight (2) of full_keys (4).
    assertThat(reasons.get("ci/access_set").<Double>getAs("strength")).isEqualTo(0.5);
    assertThat(reasons.get("ci/access_set").<Double>getAs("baseline")).isEqualTo(1.0);
    assertThat(reasons.get("ci/access_set").<String>getAs("detail"))
        .isEqualTo(
            "1 new access_set (1 sensitive) not seen in its 14-day window:"
                + " create clusterrolebindings *");
    assertThat(reasons.get("ci/user_agent_set").<Double>getAs("strength")).isEqualTo(0.25);
    assertThat(reasons.get("fresh/new_entity").<Double>getAs("strength"))
        .isEqualTo(DEFAULTS.newEntityStrength());
    assertThat(reasons.get("fresh/new_entity").<String>getAs("detail"))
        .isEqualTo("new: seen on 1 of the last 14 days (its own baseline needs 5)");
  }

  @Test
  void peerRarityNeedsANewKeyFewPeersHaveInAGroupBigEnough(SparkSession spark) {
    ScoringInput input =
        new Inputs(spark, EntityFeatures.USER)
            .entity("sa", "established", 14)
            .key("sa", "access_set", "list secrets *", true, null, 0, 10)
            .key("sa", "access_set", "list pods *", false, null, 6, 10)
            .key("sa", "access_set", "get nodes *", false, 14, 0, 10)
            .entity("lonely", "established", 14)
            .key("lonely", "access_set", "list secrets *", true, null, 0, 2)
            .build();
    List<Row> reasons = new PeerRarity().reasons(input, DEFAULTS).collectAsList();
    assertThat(reasons).hasSize(1);
    Row rare = reasons.get(0);
    assertThat(rare.<String>getAs("entity_id")).isEqualTo("sa");
    assertThat(rare.<Double>getAs("observed")).isEqualTo(1.0);
    assertThat(rare.<Double>getAs("strength")).isEqualTo(0.5);
    assertThat(rare.<String>getAs("detail"))
        .isEqualTo(
            "1 access_set keys (1 sensitive) rare among its peers in g (at most 20% of 10 had"
                + " them): list secrets *");
  }

  @Test
  void volumeChangeGrowsWithTheLogOfTheRatio(SparkSession spark) {
    ScoringInput input =
        new Inputs(spark, EntityFeatures.WORKLOAD)
            .entity("ns/noisy", "established", 14)
            .numeric("ns/noisy", "log_bytes", 30 * 1001 - 1, 1000.0, 50.0, 10.0, 1.0, 20.0, 10)
            .numeric("ns/noisy", "log_lines", 150, 100.0, 5.0, 10.0, 1.0, 20.0, 10)
            .entity("ns/new", "new", 0)
            .numeric("ns/new", "egress_bytes", 2e9, null, null, 1e3, 1e2, 1e4, 10)
            .build();
    Map<String, Row> reasons =
        new VolumeChange()
            .reasons(input, DEFAULTS).collectAsList().stream()
                .collect(
                    Collectors.toMap(
                        r -> r.<String>getAs("entity_id") + "/" + r.getAs("feature"), r -> r));
    assertThat(reasons).containsOnlyKeys("ns/noisy/log_bytes", "ns/new/egress_bytes");
    Row noisy = reasons.get("ns/noisy/log_bytes");
    assertThat(noisy.<Double>getAs("deviation")).isCloseTo(30.0, within(1e-9));
    assertThat(noisy.<Double>getAs("strength"))
        .isCloseTo(Math.log(30) / Math.log(50), within(1e-9));
    assertThat(noisy.<String>getAs("detail"))
        .isEqualTo("log_bytes 30.0× its median (30,029 vs 1,000)");
    assertThat(reasons.get("ns/new/egress_bytes").<Double>getAs("strength")).isEqualTo(1.0);
  }

  private static Map<String, Row> byFeature(List<Row> rows) {
    return rows.stream().collect(Collectors.toMap(r -> r.<String>getAs("feature"), r -> r));
  }
}
