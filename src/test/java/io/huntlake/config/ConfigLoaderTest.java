package io.huntlake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huntlake.error.ExitCode;
import io.huntlake.error.HuntlakeException;
import io.huntlake.source.LogSource;
import io.huntlake.testing.Projects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final Path BASE = Path.of("/work/dir");

  @TempDir Path temp;

  private final ConfigLoader loader =
      new ConfigLoader(Map.of("S3_KEY", "AKIAEXAMPLE", "S3_SECRET", "s3cr3t-value"), BASE);

  private HuntlakeConfig load(String yaml, String... overrides) throws IOException {
    Path file = temp.resolve("huntlake.yaml");
    Files.writeString(file, yaml);
    return loader.load(Optional.of(file), List.of(overrides));
  }

  private HuntlakeException failure(String yaml, String... overrides) {
    return (HuntlakeException)
        org.assertj.core.api.Assertions.catchThrowable(() -> load(yaml, overrides));
  }

  @Test
  void pinsEveryDocumentedDefault() {
    HuntlakeConfig config = loader.load(Optional.empty(), List.of());
    assertThat(config.storage())
        .isEqualTo(
            new StorageSettings(
                "/work/dir/demo-work/raw",
                "/work/dir/demo-work/lake",
                "/work/dir/demo-work/archive",
                "/work/dir/demo-work/reports"));
    assertThat(config.sourcePath(LogSource.AUDIT).template()).isEqualTo("{raw}/audit/dt={date}");
    assertThat(config.sourcePath(LogSource.CONTAINER).template())
        .isEqualTo("{raw}/container/dt={date}");
    assertThat(config.sourcePath(LogSource.FLOW).template()).isEqualTo("{raw}/flow/dt={date}");
    assertThat(config.sourcePath(LogSource.EVENTS).template()).isEqualTo("{raw}/events/dt={date}");
    assertThat(config.enabledSources())
        .as("a source added later is off unless a config turns it on, so older configs still run")
        .doesNotContain(LogSource.EVENTS)
        .contains(LogSource.AUDIT, LogSource.CONTAINER, LogSource.FLOW);
    assertThat(config.cluster()).isEqualTo("default");
    assertThat(config.spark().master()).isEmpty();
    assertThat(config.spark().conf()).isEmpty();
    assertThat(config.s3())
        .isEqualTo(
            new S3Settings(
                Optional.empty(),
                false,
                true,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
  }

  @Test
  void theShippedDefaultFileMatchesTheBuiltInDefaults() {
    Path shipped = Projects.root().resolve("jobs/huntlake.yaml");
    HuntlakeConfig fromFile = loader.load(Optional.of(shipped), List.of());
    HuntlakeConfig builtIn = loader.load(Optional.empty(), List.of());
    assertThat(fromFile.storage()).isEqualTo(builtIn.storage());
    assertThat(fromFile.sourcePaths()).isEqualTo(builtIn.sourcePaths());
    assertThat(fromFile.spark()).isEqualTo(builtIn.spark());
    assertThat(fromFile.s3()).isEqualTo(builtIn.s3());
    assertThat(fromFile.cluster()).isEqualTo(builtIn.cluster());
    assertThat(fromFile.baseline()).isEqualTo(builtIn.baseline());
    assertThat(fromFile.score()).isEqualTo(builtIn.score());
  }

  @Test
  void scoringSettingsThatCannotWorkTogetherAreRefused() {
    assertThat(failure("baseline:\n  window_days: 7\n  min_days: 8\n").getMessage())
        .contains("baseline.min_days", "more than the 7 days of baseline.window_days");
    assertThat(failure("score:\n  deviation:\n    min_z: 5\n    full_z: 4\n").getMessage())
        .contains("score.deviation.full_z", "not above score.deviation.min_z");
    assertThat(failure("score:\n  weights:\n    novelty: -1\n").getMessage())
        .contains("score.weights.novelty", "a number of at least 0");
    assertThat(failure("score:\n  alert_threshold: 120\n").getMessage())
        .contains("scores run from 0 to 100");
  }

  @Test
  void theModelVersionChangesWithAnyScoringSetting() throws IOException {
    String defaults = loader.load(Optional.empty(), List.of()).score().modelVersion();
    assertThat(load("", "score.weights.volume=0.5").score().modelVersion()).isNotEqualTo(defaults);
    assertThat(loader.load(Optional.empty(), List.of()).score().modelVersion()).isEqualTo(defaults);
  }

  @Test
  void everyKeyIsDocumentedInTheReadmeAndTheDefaultFile() throws IOException {
    String readme = Files.readString(Projects.root().resolve("README.md"));
    String yaml = Files.readString(Projects.root().resolve("jobs/huntlake.yaml"));
    for (ConfigKey key : ConfigKeys.all()) {
      assertThat(readme).as("README documents %s", key.name()).contains("`" + key.name() + "`");
      String leaf = key.name().substring(key.name().lastIndexOf('.') + 1);
      assertThat(yaml)
          .as("jobs/huntlake.yaml shows %s", key.name())
          .containsPattern("(?m)^\\s*" + leaf + ":");
    }
  }

  @Test
  void setOverridesBeatTheFileWhichBeatsDefaults() throws IOException {
    HuntlakeConfig config =
        load(
            "storage:\n  lake: /from/file\n  raw: s3a://logs/raw/\ncluster: prod-eu-1\n",
            "storage.lake=/from/flag");
    assertThat(config.storage().lake()).isEqualTo("/from/flag");
    assertThat(config.storage().raw()).isEqualTo("s3a://logs/raw");
    assertThat(config.storage().archive()).isEqualTo("/work/dir/demo-work/archive");
    assertThat(config.cluster()).isEqualTo("prod-eu-1");
    assertThat(config.origin()).endsWith("huntlake.yaml + --set");
  }

  @Test
  void readsSparkSettingsAndSecretsFromTheEnvironmentWithoutPrintingThem() throws IOException {
    HuntlakeConfig config =
        load(
            "spark:\n  master: local[2]\n  conf:\n    spark.sql.shuffle.partitions: 16\n"
                + "s3:\n  endpoint: http://127.0.0.1:9000\n  path_style_access: true\n  access_key: ${env:S3_KEY}\n  secret_key: ${env:S3_SECRET}\n");
    assertThat(config.spark().master()).contains("local[2]");
    assertThat(config.spark().conf()).containsEntry("spark.sql.shuffle.partitions", "16");
    assertThat(config.s3().accessKey()).contains("AKIAEXAMPLE");
    assertThat(config.s3().pathStyleAccess()).isTrue();
    assertThat(config.s3().toString())
        .doesNotContain("AKIAEXAMPLE")
        .doesNotContain("s3cr3t-value")
        .contains("****");
    assertThat(config.toString()).doesNotContain("s3cr3t-value");
  }

  @Test
  void unknownKeysAreRefusedWithASuggestion() {
    HuntlakeException error = failure("storage:\n  lak: /tmp/lake\n");
    assertThat(error.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(error.getMessage())
        .contains("Unknown config key 'storage.lak'")
        .contains("huntlake.yaml")
        .contains("Did you mean 'storage.lake'?");
    assertThat(failure("", "sparkmaster=local").getMessage())
        .contains("'sparkmaster' in --set")
        .contains("spark.master");
  }

  @Test
  void wrongTypesNameTheKeyAndWhatWasExpected() {
    assertThat(failure("s3:\n  path_style_access: maybe\n").getMessage())
        .contains("'s3.path_style_access'")
        .contains("expected true or false, found 'maybe'");
    assertThat(failure("storage:\n  lake: [a, b]\n").getMessage())
        .contains("'storage.lake'")
        .contains("found a list");
    assertThat(failure("s3:\n  ssl_enabled: 1\n").getMessage())
        .contains("'s3.ssl_enabled'")
        .contains("found the number 1");
  }

  @Test
  void aSchemeWithARegisteredFileSystemIsAStorageRoot() throws IOException {
    HuntlakeConfig config =
        load(
            "",
            "storage.raw=oss://logs/raw",
            "spark.conf.spark.hadoop.fs.oss.impl=org.example.OssFileSystem");
    assertThat(config.storage().raw()).isEqualTo("oss://logs/raw");
  }

  @Test
  void invalidValuesExplainTheFix() {
    assertThat(failure("storage:\n  raw: s3://logs/raw\n").getMessage())
        .contains("Write s3a://logs/raw instead");
    assertThat(failure("storage:\n  raw: ftp://logs/raw\n").getMessage())
        .contains("unsupported scheme 'ftp'")
        .contains("spark.conf.spark.hadoop.fs.ftp.impl");
    assertThat(failure("storage:\n  raw: s3a:///raw\n").getMessage()).contains("names no bucket");
    assertThat(failure("sources:\n  audit:\n    path: '{raw}/audit/{day}'\n").getMessage())
        .contains("unknown token(s) [day]");
    assertThat(failure("sources:\n  flow:\n    path: '{raw}/flow'\n").getMessage())
        .contains("has no {date} or {dd} token");
    assertThat(failure("cluster: Prod_EU\n").getMessage())
        .contains("'cluster'")
        .contains("not a lower-case name");
    assertThat(failure("spark:\n  master: localhost\n").getMessage())
        .contains("not a Spark master URL");
    assertThat(failure("s3:\n  access_key: ${env:NOT_SET_ANYWHERE}\n").getMessage())
        .contains("environment variable NOT_SET_ANYWHERE is not set");
    assertThat(failure("", "storage.lake").getMessage()).contains("key=value");
  }

  @Test
  void brokenYamlAndMissingFilesAreUsageErrors() throws IOException {
    assertThat(failure("storage: [unclosed\n").getMessage()).contains("Cannot read config file");
    assertThatThrownBy(() -> loader.load(Optional.of(temp.resolve("absent.yaml")), List.of()))
        .isInstanceOf(HuntlakeException.class)
        .hasMessageContaining("does not exist");
    assertThat(load("").storage().lake()).isEqualTo("/work/dir/demo-work/lake");
  }

  @Test
  void pathTemplatesResolveEveryToken() {
    PathTemplate template = new PathTemplate("{raw}/{source}/{yyyy}/{MM}/{dd}/dt={date}");
    assertThat(template.resolve("s3a://b/raw", LogSource.FLOW, LocalDate.of(2026, 3, 7)))
        .isEqualTo("s3a://b/raw/flow/2026/03/07/dt=2026-03-07");
  }

  @Test
  void detectListsAllowlistsAndRuleSettingsLoadFromYamlOrSet() throws IOException {
    HuntlakeConfig config =
        load(
            String.join(
                "\n",
                "detect:",
                "  trusted_registries: [ghcr.io/corp/, registry.k8s.io/]",
                "  allow:",
                "    identities: ['system:serviceaccount:ci:*']",
                "  suppress:",
                "    k8s-port-forward:",
                "      cidrs: [10.8.0.0/16]",
                "  params:",
                "    k8s-secret-get-burst:",
                "      min_secrets: 20",
                ""),
            "detect.disabled_rules=k8s-job-created,k8s-port-forward");
    DetectSettings detect = config.detect();
    assertThat(detect.trustedRegistries()).containsExactly("ghcr.io/corp/", "registry.k8s.io/");
    assertThat(detect.allow().identities()).containsExactly("system:serviceaccount:ci:*");
    assertThat(detect.suppressionsOf("k8s-port-forward").cidrs()).containsExactly("10.8.0.0/16");
    assertThat(detect.suppressionsOf("k8s-exec-into-pod").isEmpty()).isTrue();
    assertThat(detect.params()).containsEntry("k8s-secret-get-burst", Map.of("min_secrets", "20"));
    assertThat(detect.disabledRules()).containsExactly("k8s-job-created", "k8s-port-forward");
    assertThat(detect.clusterCidrs()).contains("10.0.0.0/8", "::1/128");
  }

  @Test
  void detectSettingsThatCannotWorkAreRefusedWithTheFix() {
    assertThat(failure("", "detect.allow.cidrs=10.0.0.0/33").getMessage())
        .contains("detect.allow.cidrs", "'10.0.0.0/33' is not an address range");
    assertThat(failure("", "detect.suppress.k8s-port-forward.users=bob").getMessage())
        .contains("'users' is not an allowlist field", "identities");
    assertThat(failure("", "detect.params.min_secrets=3").getMessage())
        .contains("does not name a rule and one setting below it");
    assertThat(failure("detect:\n  trusted_registries: [[a]]\n").getMessage())
        .contains("detect.trusted_registries");
  }
}
