package io.huntlake.notebook;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.huntlake.config.ConfigLoader;
import io.huntlake.config.HuntlakeConfig;
import io.huntlake.error.Errors;
import io.huntlake.hunt.Hunt;
import io.huntlake.hunt.HuntCatalogue;
import io.huntlake.hunt.HuntParameter;
import io.huntlake.spark.SparkSessionFactory;
import io.huntlake.sql.ResultWriter;
import io.huntlake.sql.SqlScript;
import io.huntlake.sql.SqlSession;
import io.huntlake.volume.VolumeJob;
import io.huntlake.volume.VolumeText;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * What {@code notebooks/huntlake_nb.py} calls: the same SQL session, hunts and volume figures as
 * the command line, behind methods that take and return strings, so Python reaches them through
 * JPype or pyspark's gateway without converting Java types. Rows travel as JSON lines.
 */
public final class NotebookBridge {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SqlSession session;
  private final HuntlakeConfig config;

  private NotebookBridge(SqlSession session, HuntlakeConfig config) {
    this.session = session;
    this.config = config;
  }

  /** Starts Spark in this JVM (as the launcher does) and opens the lake the config names. */
  public static NotebookBridge start(String configFile, String master) {
    HuntlakeConfig config = load(configFile);
    SparkSession spark =
        SparkSessionFactory.create(config, "huntlake notebook", Optional.ofNullable(master));
    return new NotebookBridge(SqlSession.open(spark, config, false), config);
  }

  /** Opens the lake in a session someone else started (pyspark on a cluster). */
  public static NotebookBridge attach(SparkSession spark, String configFile) {
    HuntlakeConfig config = load(configFile);
    return new NotebookBridge(SqlSession.open(spark, config, false), config);
  }

  /**
   * Runs one read-only statement; {@code ${name}} in it takes the value of {@code name} in {@code
   * paramsJson} as a quoted string literal, as {@code huntlake sql --param} does.
   *
   * @return a JSON object: {@code columns} (name and Spark type each), {@code rows} (JSON lines, at
   *     most {@code limit}; 0 for all) and {@code truncated}
   */
  public String query(String sql, String paramsJson, long limit) {
    Map<String, String> literals = new LinkedHashMap<>();
    params(paramsJson).forEach((name, value) -> literals.put(name, SqlScript.stringLiteral(value)));
    String statement = SqlScript.substitute("The notebook's query", sql, literals);
    return result(session.execute(statement, "from the notebook"), limit);
  }

  /** A table's or view's columns with their meanings, as {@link #query} returns rows. */
  public String describe(String table) {
    return result(session.describe(table), 0);
  }

  /** Runs a built-in hunt; {@code paramsJson} is a JSON object of parameter values. */
  public String hunt(String name, String paramsJson, long limit) {
    return result(session.execute(renderHunt(name, paramsJson), "of hunt '" + name + "'"), limit);
  }

  /** The hunt's SQL with the parameters written in, for showing next to its result. */
  public String renderHunt(String name, String paramsJson) {
    return HuntCatalogue.builtIn().require(name).render(params(paramsJson));
  }

  private static Map<String, String> params(String paramsJson) {
    try {
      return JSON.readValue(paramsJson, new TypeReference<LinkedHashMap<String, String>>() {});
    } catch (IOException e) {
      throw Errors.badArgument(
          "params", "they are not a JSON object of strings", "Pass name=value keyword arguments.");
    }
  }

  /** The built-in hunts as a JSON array: name, title, purpose, attack, parameters. */
  public static String hunts() {
    ArrayNode all = JSON.createArrayNode();
    for (Hunt hunt : HuntCatalogue.builtIn().hunts()) {
      ObjectNode node = all.addObject();
      node.put("name", hunt.name());
      node.put("title", hunt.title());
      node.put("purpose", hunt.purpose());
      node.put("attack", String.join(", ", hunt.attack()));
      node.put(
          "parameters",
          String.join(", ", hunt.parameters().stream().map(HuntParameter::signature).toList()));
    }
    return all.toString();
  }

  /** The capacity report's figures as of a day (forecasts, growth, talkers), as JSON. */
  public String volumeFigures(String date) {
    return VolumeText.json(new VolumeJob().figures(session.spark(), config, LocalDate.parse(date)));
  }

  public void stop() {
    session.spark().stop();
  }

  private static String result(Dataset<Row> rows, long limit) {
    Dataset<Row> limited =
        limit > 0 ? rows.limit((int) Math.min(limit + 1, Integer.MAX_VALUE)) : rows;
    List<String> lines = ResultWriter.jsonLines(limited).collectAsList();
    boolean truncated = limit > 0 && lines.size() > limit;
    ObjectNode out = JSON.createObjectNode();
    ArrayNode columns = out.putArray("columns");
    for (StructField field : rows.schema().fields()) {
      columns.addObject().put("name", field.name()).put("type", field.dataType().typeName());
    }
    out.put("rows", String.join("\n", truncated ? lines.subList(0, (int) limit) : lines));
    out.put("truncated", truncated);
    return out.toString();
  }

  private static HuntlakeConfig load(String configFile) {
    Path file = Path.of(configFile);
    return new ConfigLoader().load(Optional.of(file), List.of());
  }
}
