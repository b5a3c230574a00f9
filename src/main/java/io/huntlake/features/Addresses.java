package io.huntlake.features;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/** Spark expressions over IP address strings: private or public, and the network they are in. */
final class Addresses {
  /** RFC 1918, loopback, link-local, CGNAT and IPv6 unique-local/link-local addresses. */
  private static final String PRIVATE =
      "^(10\\.|127\\.|169\\.254\\.|192\\.168\\.|172\\.(1[6-9]|2[0-9]|3[01])\\.|100\\.(6[4-9]|[7-9][0-9]|1[01][0-9]|12[0-7])\\.|f[cd][0-9a-f]{2}:|fe80:|::1$)";

  private Addresses() {}

  static Column isPrivate(Column ip) {
    return ip.rlike(PRIVATE);
  }

  /** An IPv4 address's /24 ("10.1.2.0/24"); other addresses as they are. */
  static Column subnet24(Column ip) {
    Column prefix = regexp_extract(ip, "^(\\d+\\.\\d+\\.\\d+)\\.\\d+$", 1);
    return when(prefix.equalTo(""), ip).otherwise(concat(prefix, lit(".0/24")));
  }

  /**
   * The network a client is in, coarse enough that pods moving between nodes stay in one: a private
   * IPv4 address's /16, a public one's /24.
   */
  static Column network(Column ip) {
    Column prefix16 = regexp_extract(ip, "^(\\d+\\.\\d+)\\.\\d+\\.\\d+$", 1);
    return when(ip.isNull(), lit(null))
        .when(isPrivate(ip).and(prefix16.notEqual("")), concat(prefix16, lit(".0.0/16")))
        .otherwise(subnet24(ip));
  }
}
