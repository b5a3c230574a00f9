package io.huntlake.score;

import io.huntlake.config.BaselineSettings;
import io.huntlake.features.EntityFeatures;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Hand-built {@link ScoringInput}s: entities of cluster "c" compared with peer group "g" (seen on
 * all 14 days); the cluster has 14 days of history, or 2 for entities said to be warming up.
 */
final class Inputs {
  static final BaselineSettings WINDOW = new BaselineSettings(14, 5);

  private final SparkSession spark;
  private final EntityFeatures features;
  private final List<String> entities = new ArrayList<>();
  private final List<String> numeric = new ArrayList<>();
  private final List<String> keys = new ArrayList<>();

  Inputs(SparkSession spark, EntityFeatures features) {
    this.spark = spark;
    this.features = features;
  }

  /** An entity with its status and days of own history. */
  Inputs entity(String id, String status, int baselineDays) {
    entities.add(
        String.format(
            "('c', '%s', 'g', %d, %d, '%s', 'peer_group', 'g', 'its peers in g')",
            id, baselineDays, status.equals("warming_up") ? 2 : 14, status));
    return this;
  }

  /** A numeric feature's value with the entity's own and its group's statistics (null: none). */
  Inputs numeric(
      String id,
      String feature,
      double value,
      Double ownMedian,
      Double ownMad,
      Double peerMedian,
      Double peerMad,
      Double peerQ95,
      int peerSize) {
    numeric.add(
        String.format(
            "('c', '%s', 'g', '%s', %s, %s, %s, %s, %s, %s, %d, 14)",
            id,
            feature,
            value,
            sql(ownMedian),
            sql(ownMad),
            sql(peerMedian),
            sql(peerMad),
            sql(peerQ95),
            peerSize));
    return this;
  }

  /** A key seen today, with the days the entity had it and how many peers had it. */
  Inputs key(
      String id,
      String feature,
      String key,
      boolean sensitive,
      Integer ownDays,
      Integer peerEntities,
      int peerSize) {
    keys.add(
        String.format(
            "('c', '%s', 'g', '%s', '%s', %s, %s, %s, %d, 14)",
            id, feature, key, sensitive, sql(ownDays), sql(peerEntities), peerSize));
    return this;
  }

  ScoringInput build() {
    Dataset<Row> entityRows =
        rows(
            entities,
            "cluster, entity_id, peer_group, baseline_days, cluster_days, baseline_status,"
                + " group_scope, group_id, compared_with",
            "'x', 'x', 'x', 0, 0, 'x', 'x', 'x', 'x'");
    Dataset<Row> status =
        entityRows.select(
            "cluster",
            "entity_id",
            "baseline_status",
            "baseline_days",
            "group_scope",
            "group_id",
            "compared_with");
    Dataset<Row> numericRows =
        rows(
                numeric,
                "cluster, entity_id, peer_group, feature, value, own_median, own_mad, peer_median,"
                    + " peer_mad, peer_q95, peer_size, peer_days",
                "'x', 'x', 'x', 'x', 0D, 0D, 0D, 0D, 0D, 0D, 0, 0")
            .join(status, io.huntlake.spark.JoinKeys.of("cluster", "entity_id"));
    Dataset<Row> keyRows =
        rows(
                keys,
                "cluster, entity_id, peer_group, feature, key, sensitive, own_days, peer_entities,"
                    + " peer_size, peer_days",
                "'x', 'x', 'x', 'x', 'x', false, 0, 0, 0, 0")
            .join(status, io.huntlake.spark.JoinKeys.of("cluster", "entity_id"));
    return new ScoringInput(features, entityRows, numericRows, keyRows, WINDOW);
  }

  /** VALUES rows with typed columns; a typed template row (filtered out) fixes the types. */
  private Dataset<Row> rows(List<String> values, String columns, String template) {
    List<String> all = new ArrayList<>(values);
    all.add("(" + template + ")");
    return spark
        .sql("SELECT * FROM VALUES " + String.join(", ", all) + " AS t(" + columns + ")")
        .where("cluster <> 'x'");
  }

  private static String sql(Object value) {
    return value == null ? "null" : value instanceof Double d ? d + "D" : value.toString();
  }
}
