package io.huntlake.spark;

import java.util.Arrays;

/** Column-name lists in the Scala form Dataset.join expects, for equi-joins on same-named keys. */
public final class JoinKeys {
  private JoinKeys() {}

  public static scala.collection.Seq<String> of(String... columns) {
    return scala.collection.JavaConverters.asScalaBuffer(Arrays.asList(columns)).toSeq();
  }
}
