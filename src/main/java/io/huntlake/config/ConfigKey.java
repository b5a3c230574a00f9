package io.huntlake.config;

/**
 * One documented setting: its dotted name, type, default (null: unset) and meaning. Secret keys are
 * never printed.
 */
public record ConfigKey(
    String name, ValueType type, String defaultValue, String description, boolean secret) {

  static ConfigKey of(String name, ValueType type, String defaultValue, String description) {
    return new ConfigKey(name, type, defaultValue, description, false);
  }

  static ConfigKey secret(String name, String description) {
    return new ConfigKey(name, ValueType.STRING, null, description, true);
  }
}
