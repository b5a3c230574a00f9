package io.huntlake.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What one archived version of a day holds: its files with size, rows and sha256, where the rows
 * came from, and the sha256 of the table's previous manifest, which makes the manifests of a table
 * a hash chain: removing, altering or reordering any of them breaks a link.
 *
 * @param sequence position in the table's chain, from 1
 * @param sourceVersion Delta version of the hot table (of the ledger, for raw files)
 * @param contentFingerprint row count and order-free hash of the rows: equal means unchanged
 * @param previousSha256 the previous manifest's sha256 in the chain; null for the first
 * @param supersedesSha256 the same day's previous version's manifest sha256, if any
 */
public record Manifest(
    String table,
    String partitionColumn,
    LocalDate day,
    int version,
    long sequence,
    long sourceVersion,
    String contentFingerprint,
    Instant archivedAt,
    List<FileEntry> files,
    String previousSha256,
    String supersedesSha256) {

  public static final String FORMAT = "huntlake-archive-manifest/1";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * One archived file.
   *
   * @param path relative to the version folder
   */
  public record FileEntry(String path, long bytes, long rows, String sha256) {}

  public Manifest {
    files = List.copyOf(files);
  }

  public long rows() {
    return files.stream().mapToLong(FileEntry::rows).sum();
  }

  public long bytes() {
    return files.stream().mapToLong(FileEntry::bytes).sum();
  }

  /** The manifest's exact bytes: fields in a fixed order, so its hash is reproducible. */
  public byte[] toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("table", table);
    root.put("partition_column", partitionColumn);
    root.put("partition_date", day.toString());
    root.put("version", version);
    root.put("sequence", sequence);
    root.put("source_version", sourceVersion);
    root.put("content_fingerprint", contentFingerprint);
    root.put("archived_at", archivedAt.toString());
    root.put("rows", rows());
    root.put("bytes", bytes());
    ArrayNode list = root.putArray("files");
    for (FileEntry file : files) {
      list.addObject()
          .put("path", file.path())
          .put("bytes", file.bytes())
          .put("rows", file.rows())
          .put("sha256", file.sha256());
    }
    root.put("previous_manifest_sha256", previousSha256);
    root.put("supersedes_sha256", supersedesSha256);
    try {
      return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("a tree of strings and numbers always serialises", e);
    }
  }

  /** Parses a manifest; throws IllegalArgumentException saying what is wrong with it. */
  public static Manifest parse(byte[] bytes) {
    try {
      JsonNode root = JSON.readTree(bytes);
      if (root == null || !FORMAT.equals(root.path("format").asText())) {
        throw new IllegalArgumentException("not a " + FORMAT + " document");
      }
      List<FileEntry> files = new ArrayList<>();
      for (JsonNode file : root.path("files")) {
        files.add(
            new FileEntry(
                required(file, "path").asText(),
                required(file, "bytes").asLong(),
                required(file, "rows").asLong(),
                required(file, "sha256").asText()));
      }
      return new Manifest(
          required(root, "table").asText(),
          required(root, "partition_column").asText(),
          LocalDate.parse(required(root, "partition_date").asText()),
          required(root, "version").asInt(),
          required(root, "sequence").asLong(),
          required(root, "source_version").asLong(),
          required(root, "content_fingerprint").asText(),
          Instant.parse(required(root, "archived_at").asText()),
          files,
          textOrNull(root, "previous_manifest_sha256"),
          textOrNull(root, "supersedes_sha256"));
    } catch (IOException | java.time.DateTimeException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("field '" + field + "' is missing");
    }
    return value;
  }

  private static String textOrNull(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
