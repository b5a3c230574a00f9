package io.huntlake.features;

import static io.huntlake.features.UserFeatures.countIf;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.sum;

import io.huntlake.spark.JoinKeys;
import io.huntlake.table.EntityColumns;
import io.huntlake.table.FlowEdgeDailyTable;
import io.huntlake.table.NetworkFlowsTable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Daily features per flow edge (source to destination), from one day of network_flows. */
public final class FlowEdgeFeatures {
  private FlowEdgeFeatures() {}

  public static Dataset<Row> compute(Dataset<Row> networkFlows) {
    Dataset<Row> connections = Connections.opening(networkFlows);
    Column[] edge = {
      col(EntityColumns.EVENT_DATE),
      col(NetworkFlowsTable.CLUSTER),
      col(Connections.SRC_ENTITY).as(FlowEdgeDailyTable.SOURCE),
      col(Connections.DST_ENTITY).as(FlowEdgeDailyTable.DESTINATION)
    };
    Dataset<Row> hourly =
        connections
            .groupBy(
                col(EntityColumns.EVENT_DATE),
                col(NetworkFlowsTable.CLUSTER),
                col(Connections.SRC_ENTITY).as(FlowEdgeDailyTable.SOURCE),
                col(Connections.DST_ENTITY).as(FlowEdgeDailyTable.DESTINATION),
                col(Connections.HOUR))
            .agg(count(lit(1)).as("n"))
            .groupBy(
                col(EntityColumns.EVENT_DATE),
                col(NetworkFlowsTable.CLUSTER),
                col(FlowEdgeDailyTable.SOURCE),
                col(FlowEdgeDailyTable.DESTINATION))
            .agg(
                Histograms.hourly(col(Connections.HOUR), col("n"))
                    .as(FlowEdgeDailyTable.HOURLY_FLOWS));
    Dataset<Row> totals =
        connections
            .groupBy(edge)
            .agg(
                max(col(Connections.DST_EXTERNAL)).as(FlowEdgeDailyTable.DESTINATION_EXTERNAL),
                count(lit(1)).as(FlowEdgeDailyTable.FLOWS),
                sum(coalesce(col(NetworkFlowsTable.BYTES), lit(0L))).as(FlowEdgeDailyTable.BYTES),
                sum(coalesce(col(NetworkFlowsTable.PACKETS), lit(0L)))
                    .as(FlowEdgeDailyTable.PACKETS),
                countIf(col(NetworkFlowsTable.VERDICT).equalTo("FORWARDED"))
                    .as(FlowEdgeDailyTable.FORWARDED_FLOWS),
                countIf(col(NetworkFlowsTable.VERDICT).equalTo("DROPPED"))
                    .as(FlowEdgeDailyTable.DROPPED_FLOWS),
                slice(
                        sort_array(collect_set(col(Connections.PORT_KEY))),
                        1,
                        WorkloadFeatures.MAX_SET_KEYS)
                    .as(FlowEdgeDailyTable.DST_PORT_SET));
    List<String> keys =
        List.of(
            EntityColumns.EVENT_DATE,
            EntityColumns.CLUSTER,
            FlowEdgeDailyTable.SOURCE,
            FlowEdgeDailyTable.DESTINATION);
    return totals
        .join(hourly, JoinKeys.of(keys.toArray(new String[0])))
        .withColumn(
            EntityColumns.ENTITY_ID,
            concat(
                col(FlowEdgeDailyTable.SOURCE), lit(" -> "), col(FlowEdgeDailyTable.DESTINATION)))
        .withColumn(
            EntityColumns.PEER_GROUP, concat(lit("source:"), col(FlowEdgeDailyTable.SOURCE)))
        .select(
            Arrays.stream(FlowEdgeDailyTable.SCHEMA.fieldNames())
                .map(org.apache.spark.sql.functions::col)
                .toArray(Column[]::new));
  }
}
