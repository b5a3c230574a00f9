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
  /**
   * The resource lock ({@code @ResourceLock}) of test classes that register tables in the session
   * catalog, which all sessions of the one SparkContext share: they take turns.
   */
  public static final String SESSION_CATALOG = "spark-session-catalog";

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
        .getOrComputeIfAbsent(
            "session", key -> new ClosableSession(session()), ClosableSession.class)
        .session;
  }

  private static SparkSession session;

  /** The run's one session, started on first use (by a test, or BuildGeneratedLakeEarly). */
  public static synchronized SparkSession session() {
    if (session == null) {
      session = start();
    }
    return session;
  }

  private static SparkSession start() {
    HuntlakeConfig config =
        new ConfigLoader(Map.of(), Path.of(System.getProperty("java.io.tmpdir")))
            .load(
                Optional.empty(),
                List.of(
                    "spark.conf.spark.sql.shuffle.partitions=2",
                    // Tests run thousands of queries over a few thousand rows each: compiling
                    // generated code for every one costs more CPU than interpreting it saves.
                    // The commands the DAG and notebook tests start keep Spark's code generation.
                    "spark.conf.spark.sql.codegen.wholeStage=false",
                    "spark.conf.spark.sql.codegen.factoryMode=NO_CODEGEN"));
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
