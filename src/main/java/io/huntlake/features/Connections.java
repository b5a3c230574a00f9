package io.huntlake.features;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.huntlake.table.NetworkFlowsTable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The flows that open connections, each with its source and destination named the way workload and
 * edge features name them. Hubble reports a connection several times (the reply half, and again at
 * the receiving end); VPC Flow Logs report both directions as separate records. Counting only the
 * opening half keeps a workload's flows comparable from day to day.
 */
final class Connections {
  static final String SRC_ENTITY = "src_entity";
  static final String SRC_WORKLOAD_ID = "src_workload_id";
  static final String DST_ENTITY = "dst_entity";
  static final String DST_EXTERNAL = "dst_external";
  static final String PORT_KEY = "port_key";
  static final String HOUR = "hour";

  /**
   * The source of every connection from a public address: internet clients come and go, and an edge
   * per client address would make each of them a new entity.
   */
  static final String EXTERNAL = "external";

  private Connections() {}

  static Dataset<Row> opening(Dataset<Row> flows) {
    Column isReply = coalesce(col(NetworkFlowsTable.IS_REPLY), lit(false));
    Column hubble = col(NetworkFlowsTable.FLOW_SOURCE).equalTo("hubble");
    // Hubble: the sender's egress, or ingress from outside the cluster (no sending endpoint).
    Column hubbleOpening =
        isReply
            .unary_$bang()
            .and(
                col(NetworkFlowsTable.DIRECTION)
                    .equalTo("EGRESS")
                    .or(col(NetworkFlowsTable.SRC_WORKLOAD).isNull()));
    // VPC: the record whose destination port is the service port (the lower one).
    Column vpcOpening =
        col(NetworkFlowsTable.SRC_PORT)
            .isNull()
            .or(col(NetworkFlowsTable.DST_PORT).isNull())
            .or(col(NetworkFlowsTable.DST_PORT).leq(col(NetworkFlowsTable.SRC_PORT)));
    Column srcWorkload =
        workloadId(NetworkFlowsTable.SRC_NAMESPACE, NetworkFlowsTable.SRC_WORKLOAD);
    Column dstWorkload =
        workloadId(NetworkFlowsTable.DST_NAMESPACE, NetworkFlowsTable.DST_WORKLOAD);
    Column dstAddress =
        concat(
            col(NetworkFlowsTable.DST_IP),
            lit(":"),
            coalesce(col(NetworkFlowsTable.DST_PORT).cast("string"), lit("*")));
    return flows
        .where(when(hubble, hubbleOpening).otherwise(vpcOpening))
        .withColumn(SRC_WORKLOAD_ID, srcWorkload)
        .withColumn(
            SRC_ENTITY,
            coalesce(
                srcWorkload,
                when(
                        Addresses.isPrivate(col(NetworkFlowsTable.SRC_IP)),
                        col(NetworkFlowsTable.SRC_IP))
                    .otherwise(lit(EXTERNAL))))
        .withColumn(DST_ENTITY, coalesce(dstWorkload, dstAddress))
        .withColumn(
            DST_EXTERNAL,
            dstWorkload
                .isNull()
                .and(Addresses.isPrivate(col(NetworkFlowsTable.DST_IP)).unary_$bang()))
        .withColumn(
            PORT_KEY,
            concat_ws(
                "/",
                coalesce(col(NetworkFlowsTable.PROTOCOL), lit("?")),
                coalesce(col(NetworkFlowsTable.DST_PORT).cast("string"), lit("*"))))
        .withColumn(HOUR, org.apache.spark.sql.functions.hour(col(NetworkFlowsTable.EVENT_TS)));
  }

  private static Column workloadId(String namespace, String workload) {
    return when(
        col(workload).isNotNull(),
        concat(coalesce(col(namespace), lit("")), lit("/"), col(workload)));
  }
}
