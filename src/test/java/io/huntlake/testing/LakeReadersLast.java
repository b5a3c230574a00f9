package io.huntlake.testing;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Order;

/**
 * The order test classes start in (two run at a time): long classes first ({@code @Order}), then
 * the rest, and the classes that read the generated lake last. The lake builds in the background
 * from the start of the run (BuildGeneratedLakeEarly); a class that needs it while it is still
 * building holds one of the two slots idle, and two such classes stop the run but for the build.
 */
public final class LakeReadersLast implements ClassOrderer {
  @Override
  public void orderClasses(ClassOrdererContext context) {
    context
        .getClassDescriptors()
        .sort(
            Comparator.comparing((ClassDescriptor c) -> c.isAnnotated(ReadsGeneratedLake.class))
                .thenComparing(
                    c -> c.findAnnotation(Order.class).map(Order::value).orElse(Order.DEFAULT))
                .thenComparing(c -> c.getTestClass().getName()));
  }
}
