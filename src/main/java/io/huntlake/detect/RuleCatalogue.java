package io.huntlake.detect;

import io.huntlake.config.BuiltInResources;
import io.huntlake.config.DetectSettings;
import io.huntlake.error.Errors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The rules HuntLake runs: the built-in catalogue ({@code src/main/resources/rules/*.yaml}, inside
 * the jar) and, when {@code detect.rules_dir} is set, the user's own rule files after it.
 */
public final class RuleCatalogue {
  /** Where the built-in rules live on the classpath. */
  static final String RESOURCE_FOLDER = "rules";

  private final Map<String, Rule> rules;

  private RuleCatalogue(List<Rule> rules) {
    Map<String, Rule> byId = new LinkedHashMap<>();
    for (Rule rule : rules) {
      Rule earlier = byId.putIfAbsent(rule.id(), rule);
      if (earlier != null) {
        throw Errors.invalidRule(
            rule.origin(),
            "its id '" + rule.id() + "' is already used by " + earlier.origin(),
            "Give your rule its own id; disable a built-in one with detect.disabled_rules.");
      }
    }
    this.rules = byId;
  }

  /** The built-in rules plus those of detect.rules_dir. */
  public static RuleCatalogue load(DetectSettings settings) {
    List<Rule> all = new ArrayList<>(builtIn());
    settings.rulesDirectory().map(Path::of).ifPresent(folder -> all.addAll(fromFolder(folder)));
    return new RuleCatalogue(all);
  }

  /** A catalogue of exactly these rules (tests, backtests of a draft). */
  public static RuleCatalogue of(List<Rule> rules) {
    return new RuleCatalogue(rules);
  }

  public List<Rule> all() {
    return List.copyOf(rules.values());
  }

  /** The rules detect runs: all but detect.disabled_rules (each of which must exist). */
  public List<Rule> enabled(DetectSettings settings) {
    settings.disabledRules().forEach(id -> require(id, "detect.disabled_rules"));
    settings.suppress().keySet().forEach(id -> require(id, "detect.suppress." + id));
    settings.params().keySet().forEach(id -> require(id, "detect.params." + id));
    return rules.values().stream().filter(r -> !settings.disabledRules().contains(r.id())).toList();
  }

  public Optional<Rule> find(String id) {
    return Optional.ofNullable(rules.get(id));
  }

  /** The rule with this id, or an error listing what exists. */
  public Rule require(String id, String setting) {
    Rule rule = rules.get(id);
    if (rule == null) {
      throw Errors.unknownRule(id, setting, List.copyOf(rules.keySet()));
    }
    return rule;
  }

  static List<Rule> builtIn() {
    return BuiltInResources.read(RESOURCE_FOLDER, RuleCatalogue::fromFolder);
  }

  private static List<Rule> fromFolder(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw Errors.invalidRule(
          folder.toString(),
          "detect.rules_dir is not a folder",
          "Point detect.rules_dir at a folder of *.yaml rule files.");
    }
    try (Stream<Path> files = Files.list(folder)) {
      List<Rule> rules = new ArrayList<>();
      for (Path file :
          files
              .filter(f -> f.getFileName().toString().endsWith(".yaml"))
              .sorted(Comparator.comparing(Path::toString))
              .toList()) {
        String origin = folder.getFileName() + "/" + file.getFileName();
        Rule rule = RuleFiles.parse(Files.readString(file, StandardCharsets.UTF_8), origin);
        if (!file.getFileName().toString().equals(rule.id() + ".yaml")) {
          throw Errors.invalidRule(
              origin,
              "the file name does not match the rule id '" + rule.id() + "'",
              "Name the file " + rule.id() + ".yaml.");
        }
        rules.add(rule);
      }
      return rules;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rule files in " + folder, e);
    }
  }
}
