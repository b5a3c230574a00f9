package io.huntlake.detect;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Enum constants as rule files and tables write them: lower case ("high", "threshold"). */
final class Labels {
  private Labels() {}

  static String of(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  static <E extends Enum<E>> Optional<E> parse(Class<E> type, String text) {
    return Arrays.stream(type.getEnumConstants()).filter(e -> of(e).equals(text)).findFirst();
  }
}
