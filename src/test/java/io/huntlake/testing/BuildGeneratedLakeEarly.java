package io.huntlake.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts building the generated lake in the background as soon as the unit-test run starts
 * (registered in META-INF/services; Surefire sets huntlake.generated.lake.early). The build takes
 * minutes; started by the first class that needs it, it would hold one of the two test slots and
 * keep the classes that need it waiting in the other. The Airflow DAG tests start with it, niced,
 * to use the CPU the test classes leave idle (AirflowDagTests).
 */
public final class BuildGeneratedLakeEarly implements LauncherSessionListener {
  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (Boolean.getBoolean("huntlake.generated.lake.early")) {
      GeneratedLake.startBuilding(SharedSpark.session());
      try {
        if (AirflowDagTests.available()) {
          AirflowDagTests.start();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
