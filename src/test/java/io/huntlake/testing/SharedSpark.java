package io.huntlake.testing;

import io.huntlake.config.ConfigLoader;
import io.huntlake.config.HuntlakeConfig;
import io.huntlake.spark.SparkSessionFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives test classes one local[2] SparkSession, built by the production
 * factory and shared by the whole test run (starting Spark costs seconds; tests must not pay it per
 * class). Declare {@code @ExtendWith(SharedSpark.class)} and take a {@link SparkSession} parameter.
 */
public final class SharedSpark implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedSpark.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SparkSession.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent("session", key -> new ClosableSession(start()), ClosableSession.class)
        .session;
  }

  private static SparkSession start() {
    HuntlakeConfig config =
        new ConfigLoader(Map.of(), Path.of(System.getProperty("java.io.tmpdir")))
            .load(Optional.empty(), List.of("spark.conf.spark.sql.shuffle.partitions=2"));
    return SparkSessionFactory.create(config, "huntlake-tests", Optional.of("local[2]"));
  }

  /** Stops the session when the test run ends. */
  private record ClosableSession(SparkSession session)
      implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      session.stop();
    }
  }
}
