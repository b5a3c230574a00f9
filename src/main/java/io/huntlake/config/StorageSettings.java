package io.huntlake.config;

/**
 * Where HuntLake reads and writes. Each value is an absolute local path or a Hadoop URI (no
 * trailing slash).
 */
public record StorageSettings(String raw, String lake, String archive, String reports) {

  /** The folder of one Delta table under the lake. */
  public String table(String tableName) {
    return lake + "/" + tableName;
  }
}
