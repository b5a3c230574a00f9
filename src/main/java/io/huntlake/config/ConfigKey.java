package io.huntlake.config;

/**
 * One documented setting: its dotted name, type, default (null: unset) and meaning. Secret keys are
 * never printed.
 */
public record ConfigKey(
    String name,
    ValueType type,
    String defaultValue,
    String description,
    boolean secret,
    java.util.List<String> choices) {

  static ConfigKey of(String name, ValueType type, String defaultValue, String description) {
    return new ConfigKey(name, type, defaultValue, description, false, java.util.List.of());
  }

  static ConfigKey choice(
      String name, java.util.List<String> choices, String defaultValue, String description) {
    return new ConfigKey(
        name, ValueType.CHOICE, defaultValue, description, false, java.util.List.copyOf(choices));
  }

  static ConfigKey secret(String name, String description) {
    return new ConfigKey(name, ValueType.STRING, null, description, true, java.util.List.of());
  }
}
