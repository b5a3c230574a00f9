package io.huntlake.features;

import static io.huntlake.features.UserFeatures.countIf;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.huntlake.source.Workloads;
import io.huntlake.spark.JoinKeys;
import io.huntlake.table.ContainerLogsTable;
import io.huntlake.table.EntityColumns;
import io.huntlake.table.NetworkFlowsTable;
import io.huntlake.table.WorkloadActivityDailyTable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/** Daily features per workload, from one day of container_logs and network_flows. */
public final class WorkloadFeatures {
  /** Largest number of keys kept in one day's set (the most frequent ones). */
  static final int MAX_SET_KEYS = 200;

  private static final UserDefinedFunction KIND =
      udf((UDF1<String, String>) Workloads::kindFromPod, DataTypes.StringType);

  private WorkloadFeatures() {}

  /**
   * One row per (cluster, workload) that logged or opened a connection on the day; the other half
   * of the features is zero for a workload that only did one of them.
   */
  public static Dataset<Row> compute(Dataset<Row> containerLogs, Dataset<Row> networkFlows) {
    Dataset<Row> logs = logFeatures(containerLogs);
    Dataset<Row> flows = flowFeatures(Connections.opening(networkFlows));
    List<String> keys =
        List.of(EntityColumns.EVENT_DATE, EntityColumns.CLUSTER, EntityColumns.ENTITY_ID);
    Dataset<Row> joined = logs.join(flows, JoinKeys.of(keys.toArray(new String[0])), "full_outer");
    return joined.select(outputColumns());
  }

  private static Dataset<Row> logFeatures(Dataset<Row> logs) {
    Dataset<Row> withWorkload =
        logs.where(col(ContainerLogsTable.WORKLOAD).isNotNull())
            .withColumn(
                EntityColumns.ENTITY_ID,
                concat(
                    coalesce(col(ContainerLogsTable.NAMESPACE), lit("")),
                    lit("/"),
                    col(ContainerLogsTable.WORKLOAD)))
            .withColumn("template", MessageTemplates.templateHash(col(ContainerLogsTable.MESSAGE)));
    Dataset<Row> topTemplates =
        withWorkload
            .groupBy(
                col(EntityColumns.EVENT_DATE),
                col(ContainerLogsTable.CLUSTER),
                col(EntityColumns.ENTITY_ID),
                col("template"))
            .agg(count(lit(1)).as("n"))
            .groupBy(
                col(EntityColumns.EVENT_DATE),
                col(ContainerLogsTable.CLUSTER),
                col(EntityColumns.ENTITY_ID))
            .agg(
                count(lit(1)).as(WorkloadActivityDailyTable.TEMPLATES),
                mostFrequent(col("template"), col("n"))
                    .as(WorkloadActivityDailyTable.TEMPLATE_SET));
    Dataset<Row> totals =
        withWorkload
            .groupBy(
                col(EntityColumns.EVENT_DATE),
                col(ContainerLogsTable.CLUSTER),
                col(EntityColumns.ENTITY_ID))
            .agg(
                min(col(ContainerLogsTable.NAMESPACE)).as("log_namespace"),
                min(col(ContainerLogsTable.WORKLOAD)).as("log_workload"),
                min(col(ContainerLogsTable.POD)).as("log_pod"),
                count(lit(1)).as(WorkloadActivityDailyTable.LOG_LINES),
                sum(col(ContainerLogsTable.BYTES)).as(WorkloadActivityDailyTable.LOG_BYTES),
                countIf(col(ContainerLogsTable.LEVEL).equalTo("error"))
                    .as(WorkloadActivityDailyTable.ERROR_LINES),
                countIf(col(ContainerLogsTable.LEVEL).equalTo("warn"))
                    .as(WorkloadActivityDailyTable.WARN_LINES),
                count_distinct(col(ContainerLogsTable.POD)).as("log_pods"),
                count_distinct(
                        col(ContainerLogsTable.POD),
                        col(ContainerLogsTable.CONTAINER),
                        col(ContainerLogsTable.CONTAINER_ID))
                    .as("container_runs"),
                count_distinct(col(ContainerLogsTable.POD), col(ContainerLogsTable.CONTAINER))
                    .as("containers"));
    return totals.join(
        topTemplates,
        JoinKeys.of(EntityColumns.EVENT_DATE, ContainerLogsTable.CLUSTER, EntityColumns.ENTITY_ID),
        "left");
  }

  private static Dataset<Row> flowFeatures(Dataset<Row> connections) {
    Dataset<Row> fromWorkloads =
        connections
            .where(col(Connections.SRC_WORKLOAD_ID).isNotNull())
            .withColumn(EntityColumns.ENTITY_ID, col(Connections.SRC_WORKLOAD_ID));
    return fromWorkloads
        .groupBy(
            col(EntityColumns.EVENT_DATE),
            col(NetworkFlowsTable.CLUSTER),
            col(EntityColumns.ENTITY_ID))
        .agg(
            min(col(NetworkFlowsTable.SRC_NAMESPACE)).as("flow_namespace"),
            min(col(NetworkFlowsTable.SRC_WORKLOAD)).as("flow_workload"),
            min(col(NetworkFlowsTable.SRC_POD)).as("flow_pod"),
            count_distinct(col(NetworkFlowsTable.SRC_POD)).as("flow_pods"),
            count(lit(1)).as(WorkloadActivityDailyTable.EGRESS_FLOWS),
            sum(coalesce(col(NetworkFlowsTable.BYTES), lit(0L)))
                .as(WorkloadActivityDailyTable.EGRESS_BYTES),
            count_distinct(col(Connections.DST_ENTITY)).as(WorkloadActivityDailyTable.DESTINATIONS),
            count_distinct(col(Connections.PORT_KEY)).as(WorkloadActivityDailyTable.DST_PORTS),
            count_distinct(when(col(Connections.DST_EXTERNAL), col(Connections.DST_ENTITY)))
                .as(WorkloadActivityDailyTable.EXTERNAL_DESTINATIONS),
            count_distinct(col(NetworkFlowsTable.DNS_QUERY))
                .as(WorkloadActivityDailyTable.DNS_NAMES),
            countIf(col(NetworkFlowsTable.VERDICT).equalTo("DROPPED"))
                .as(WorkloadActivityDailyTable.DROPPED_FLOWS),
            capped(collect_set(col(Connections.DST_ENTITY)))
                .as(WorkloadActivityDailyTable.DESTINATION_SET),
            capped(collect_set(col(Connections.PORT_KEY)))
                .as(WorkloadActivityDailyTable.DST_PORT_SET),
            capped(collect_set(col(NetworkFlowsTable.DNS_QUERY)))
                .as(WorkloadActivityDailyTable.DNS_NAME_SET));
  }

  /** The keys with the highest counts (ties by key), at most {@link #MAX_SET_KEYS}, sorted. */
  private static Column mostFrequent(Column key, Column count) {
    Column byCount = sort_array(collect_list(struct(count.multiply(-1).as("n"), key.as("k"))));
    return sort_array(
        org.apache.spark.sql.functions.transform(
            slice(byCount, 1, MAX_SET_KEYS), e -> e.getField("k")));
  }

  private static Column capped(Column set) {
    return slice(sort_array(set), 1, MAX_SET_KEYS);
  }

  private static Column[] outputColumns() {
    Column namespace = coalesce(col("log_namespace"), col("flow_namespace"), lit(""));
    Column workload = coalesce(col("log_workload"), col("flow_workload"), lit(""));
    return Arrays.stream(WorkloadActivityDailyTable.SCHEMA.fieldNames())
        .map(
            name ->
                switch (name) {
                  case EntityColumns.EVENT_DATE, EntityColumns.CLUSTER, EntityColumns.ENTITY_ID ->
                      col(name);
                  case EntityColumns.PEER_GROUP -> concat(lit("namespace:"), namespace).as(name);
                  case WorkloadActivityDailyTable.NAMESPACE -> namespace.as(name);
                  case WorkloadActivityDailyTable.WORKLOAD -> workload.as(name);
                  case WorkloadActivityDailyTable.WORKLOAD_KIND ->
                      coalesce(KIND.apply(coalesce(col("log_pod"), col("flow_pod"))), lit("pod"))
                          .as(name);
                  case WorkloadActivityDailyTable.PODS ->
                      org.apache
                          .spark
                          .sql
                          .functions
                          .greatest(
                              coalesce(col("log_pods"), lit(0L)),
                              coalesce(col("flow_pods"), lit(0L)))
                          .as(name);
                  case WorkloadActivityDailyTable.RESTARTS ->
                      coalesce(col("container_runs").minus(col("containers")), lit(0L)).as(name);
                  case WorkloadActivityDailyTable.TEMPLATE_SET,
                      WorkloadActivityDailyTable.DESTINATION_SET,
                      WorkloadActivityDailyTable.DST_PORT_SET,
                      WorkloadActivityDailyTable.DNS_NAME_SET ->
                      coalesce(col(name), expr("array()").cast("array<string>")).as(name);
                  default -> coalesce(col(name), lit(0L)).as(name);
                })
        .toArray(Column[]::new);
  }
}
