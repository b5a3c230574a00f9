package io.huntlake.testing;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension for leak tests: the shared session writes Parquet uncompressed during each
 * test, so a byte search of the lake finds any plaintext (none can hide in a compressed page).
 */
public final class UncompressedParquet implements BeforeEachCallback, AfterEachCallback {
  private static final String CODEC = "spark.sql.parquet.compression.codec";
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(UncompressedParquet.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    SparkSession spark = SharedSpark.session();
    context.getStore(NAMESPACE).put(CODEC, spark.conf().get(CODEC));
    spark.conf().set(CODEC, "uncompressed");
  }

  @Override
  public void afterEach(ExtensionContext context) {
    SharedSpark.session().conf().set(CODEC, context.getStore(NAMESPACE).get(CODEC, String.class));
  }
}
