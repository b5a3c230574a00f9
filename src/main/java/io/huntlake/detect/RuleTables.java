package io.huntlake.detect;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The input tables of one detect run, each already cut to the day: the event tables, the daily
 * feature tables and the day's baselines (what was normal before it: for rules about first
 * contact), and the day's log-delivery gaps.
 */
public record RuleTables(
    Dataset<Row> auditEvents,
    Dataset<Row> containerLogs,
    Dataset<Row> networkFlows,
    Dataset<Row> userActivityDaily,
    Dataset<Row> workloadActivityDaily,
    Dataset<Row> flowEdgeDaily,
    Dataset<Row> userBaseline,
    Dataset<Row> workloadBaseline,
    Dataset<Row> flowEdgeBaseline,
    Dataset<Row> deliveryGaps) {}
