package io.huntlake.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, with the Spark and Delta versions it was built for. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = HuntlakeCli.class.getPackage().getImplementationVersion();
    return new String[] {
      "huntlake " + (version == null ? "(development build)" : version),
      "Spark "
          + org.apache.spark.package$.MODULE$.SPARK_VERSION()
          + ", Delta Lake "
          + io.delta.tables.DeltaTable.class.getPackage().getImplementationVersion(),
      "Java " + System.getProperty("java.version")
    };
  }
}
