package io.huntlake.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one redactor: replaces secret values with {@link #MARKER} before anything reaches a table.
 * Ingest runs {@link #string} over every string column of every source (and over rejected text,
 * reject reasons and ledger errors); audit request and response objects are also walked as JSON
 * ({@link #auditObject}) so that structure, not only spelling, gives secrets away. Keys, names and
 * shapes are kept, so hunters still see which Secret entry, env var or ConfigMap key changed. One
 * instance counts what it replaced. {@link Rule} lists every rule; docs/redaction.md documents
 * them.
 */
public final class Redactor {
  public static final String MARKER = "<redacted by huntlake>";
  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  /** Every rule the redactor applies, with what it catches (docs/redaction.md mirrors this). */
  public enum Rule {
    // Text rules: run on every string value, in this order.
    JWT("JSON Web Tokens (eyJ….….…), service-account tokens included", true),
    BEARER("Bearer tokens (`Bearer abc…`)", true),
    AUTHORIZATION_HEADER(
        "Authorization / Proxy-Authorization header values (Basic, Digest, …)", true),
    URL_PASSWORD("passwords in URLs (`scheme://user:PASSWORD@host`)", true),
    URL_SECRET_PARAMETER(
        "secret query parameters (`?token=`, `access_token`, `password`, `api_key`, `sig`,"
            + " `X-Amz-Signature`, …)",
        true),
    SECRET_ASSIGNMENT(
        "secret-named keys in logfmt, env, properties and YAML text (`password=…`, `DB_TOKEN=…`,"
            + " `secret: …`)",
        true),
    SECRET_JSON_FIELD(
        "secret-named string fields in JSON text (`\"password\":\"…\"`, also JSON inside a"
            + " string)",
        true),
    SECRET_ENV_JSON(
        "env entries in JSON text whose name looks secret (`{\"name\":\"DB_PASSWORD\",\"value\":\"…\"}`)",
        true),
    AWS_ACCESS_KEY_ID("AWS access key ids (AKIA…, ASIA…)", true),
    PRIVATE_KEY_BLOCK("PEM private key blocks (`-----BEGIN … PRIVATE KEY-----`)", true),
    // Structure rules: audit request and response objects, walked as JSON.
    SECRET_DATA(
        "`data` / `stringData` values of Secrets, bare Secret patches and SecretList items", false),
    TOKEN_REQUEST("`status.token` of TokenRequests", false),
    TOKEN_REVIEW("`spec.token` of TokenReviews", false),
    LAST_APPLIED_CONFIGURATION(
        "kubectl's last-applied-configuration annotation, walked as JSON", false),
    SECRET_ENV_VAR(
        "container env values whose name looks secret (`*PASSWORD*`, `*TOKEN*`, `*SECRET*`, `*KEY*`)",
        false),
    SECRET_FIELD(
        "string fields whose name looks secret (`password`, `apiKey`, `clientSecret`, …)", false),
    // Rejected text that is no longer valid JSON.
    RAW_SECRET_BLOCK(
        "`\"data\"` / `\"stringData\"` blocks and token fields in text cut mid-JSON", false);

    private final String catches;
    private final boolean text;

    Rule(String catches, boolean text) {
      this.catches = catches;
      this.text = text;
    }

    public String catches() {
      return catches;
    }

    /** Whether the rule runs on every string value (rather than on JSON structure). */
    public boolean text() {
      return text;
    }
  }

  private static final Pattern JWT =
      Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");
  private static final Pattern BEARER = Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]{8,}");
  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "(?i)\\b((?:proxy-)?authorization\\\\?[\"']?\\s*[:=]\\s*\\\\?[\"']?(?:[A-Za-z0-9-]+\\s+)?)"
              + "([^\\s\"'\\\\,;]+)");
  private static final Pattern URL_PASSWORD =
      Pattern.compile("\\b([A-Za-z][A-Za-z0-9+.-]*://[^/\\s:@\"'<>]+:)([^@\\s/\"'<>]+)@");
  private static final Pattern URL_SECRET_PARAMETER =
      Pattern.compile(
          "(?i)([?&;](?:access_token|id_token|refresh_token|token|password|passwd|pwd|secret"
              + "|client_secret|api_key|apikey|key|sig|signature|x-amz-signature"
              + "|x-amz-credential|x-amz-security-token|code)=)([^&#\\s\"'\\\\]*)");
  private static final Pattern AWS_ACCESS_KEY_ID =
      Pattern.compile("\\b(?:AKIA|ASIA|ABIA|ACCA|AIDA|AROA|AIPA|ANPA|ANVA|AGPA)[A-Z0-9]{16}\\b");
  private static final Pattern PRIVATE_KEY_BLOCK =
      Pattern.compile(
          "-----BEGIN[ A-Z0-9]*PRIVATE KEY-----(?:.{0,65536}?-----END[ A-Z0-9]*PRIVATE KEY-----|.*)",
          Pattern.DOTALL);
  private static final Pattern RAW_SECRET_BLOCK =
      Pattern.compile("\"(data|stringData)\"\\s*:\\s*\\{[^}]*}?");
  private static final Pattern RAW_TOKEN_FIELD =
      Pattern.compile("(?i)\"(token|password|secret)\"\\s*:\\s*\"[^\"]*\"?");

  private int count;

  /** Values replaced so far. */
  public int count() {
    return count;
  }

  /**
   * Redacts an audit request or response object in place.
   *
   * @param secretResource the event's objectRef names secrets, so a bare patch body or a list
   *     without kinds holds Secret payloads
   */
  public void auditObject(JsonNode node, boolean secretResource) {
    if (node instanceof ObjectNode object && secretResource && !object.has("kind")) {
      secretPayload(object);
    }
    if (node instanceof ObjectNode object && secretResource) {
      listItems(object);
    }
    walk(node);
  }

  /**
   * An audit request or response object as stored bytes, when neither {@link #auditObject} nor the
   * text rules {@link #string} would change a byte of it: the slice is what Jackson's tree writes
   * back ({@link CanonicalJson}), none of its structure names a secret (no Secret, SecretList,
   * TokenRequest or TokenReview kind, no last-applied configuration, no secret-named field holding
   * a string, no env-style entry named like a secret) and no string value, nor the text as a whole,
   * holds anything a text rule replaces. Returns the text as {@link Clean}, or null when the object
   * must go through the tree (which then redacts, normalises or rejects it). Counts nothing: a
   * slice that passes has nothing to count.
   *
   * @param secretResource as for {@link #auditObject}: such objects always go through the tree
   */
  public Clean untouchedObject(byte[] bytes, int from, int to, boolean secretResource) {
    if (secretResource) {
      return null;
    }
    Clean clean = new Clean(bytes, from, to);
    String text = clean.text();
    // Values are substrings of the text (a canonical slice has no escapes): without a trigger in
    // the text, no value holds one, and no text rule has anything to look at.
    boolean triggers = TextTriggers.any(text);
    if (!CanonicalJson.scan(bytes, from, to, new StructureCheck(triggers))) {
      return null;
    }
    return !triggers || new Redactor().string(text).equals(text) ? clean : null;
  }

  /** Stops a scan at the first key or value that the structure or text rules could act on. */
  private static final class StructureCheck implements CanonicalJson.Visitor {
    private static final byte[] KIND = ascii("kind");
    private static final byte[] NAME = ascii("name");
    private static final byte[] LAST_APPLIED_KEY = ascii(LAST_APPLIED);
    private static final java.util.Set<String> REDACTED_KINDS =
        java.util.Set.of("Secret", "SecretList", "TokenRequest", "TokenReview");

    private enum Next {
      ANY,
      KIND,
      NAME,
      SECRET
    }

    private Next next = Next.ANY;
    private final Redactor scratch = new Redactor();
    private final boolean triggers;

    StructureCheck(boolean triggers) {
      this.triggers = triggers;
    }

    @Override
    public boolean key(byte[] b, int from, int to) {
      next = Next.ANY;
      if (same(b, from, to, KIND)) {
        next = Next.KIND;
      } else if (same(b, from, to, NAME)) {
        next = Next.NAME;
      } else if (same(b, from, to, LAST_APPLIED_KEY)) {
        return false;
      } else if ((triggers || TextTriggers.separated(b, from, to))
          && TextTriggers.secretAnchor(b, from, to)
          && SecretKeys.secretKey(latin1(b, from, to))) {
        next = Next.SECRET;
      }
      return true;
    }

    @Override
    public boolean string(byte[] b, int from, int to) {
      Next expected = next;
      next = Next.ANY;
      switch (expected) {
        case KIND -> {
          if (REDACTED_KINDS.contains(latin1(b, from, to))) {
            return false;
          }
        }
        case NAME -> {
          // Every word an env name is judged by is a trigger (separators are not ignored there).
          if (triggers && SecretKeys.secretEnvName(latin1(b, from, to))) {
            return false;
          }
        }
        case SECRET -> {
          if (to > from) {
            return false;
          }
        }
        default -> {}
      }
      if (triggers && to - from >= 8 && TextTriggers.any(b, from, to)) {
        String value = latin1(b, from, to);
        return scratch.string(value).equals(value);
      }
      return true;
    }

    @Override
    public void other() {
      next = Next.ANY;
    }

    private static boolean same(byte[] b, int from, int to, byte[] word) {
      return to - from == word.length && java.util.Arrays.equals(b, from, to, word, 0, word.length);
    }

    private static String latin1(byte[] b, int from, int to) {
      return new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static byte[] ascii(String text) {
      return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
  }

  /**
   * Text the redactor has already checked whole and found nothing in ({@link #untouchedObject}): a
   * row value that {@link #row} leaves as it is instead of running the text rules again. Holds the
   * ASCII bytes [from, to) of the line it was read from, so that it can reach the table without
   * becoming a Java string.
   */
  public static final class Clean {
    private final byte[] bytes;
    private final int from;
    private final int to;

    Clean(byte[] bytes, int from, int to) {
      this.bytes = bytes;
      this.from = from;
      this.to = to;
    }

    public String text() {
      return new String(bytes, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** The text as UTF-8 (ASCII is UTF-8), a copy of its own. */
    public byte[] utf8() {
      return java.util.Arrays.copyOfRange(bytes, from, to);
    }

    @Override
    public String toString() {
      return text();
    }
  }

  /**
   * Every string value of a row through the text rules (arrays and maps included), as ingest stores
   * it: {@link Clean} values and the column {@code keep} (the link from a row to its evidence file)
   * stay as they are.
   *
   * @return how many values were replaced
   */
  public int row(Object[] values, int keep) {
    int before = count;
    if (cleanByColumn.length < values.length) {
      cleanByColumn = java.util.Arrays.copyOf(cleanByColumn, values.length);
    }
    for (int i = 0; i < values.length; i++) {
      if (i != keep) {
        if (cleanByColumn[i] == null) {
          cleanByColumn[i] = new CleanTexts();
        }
        values[i] = rowValue(values[i], cleanByColumn[i]);
      }
    }
    return count - before;
  }

  private Object rowValue(Object value, CleanTexts clean) {
    if (value instanceof String text) {
      return remembered(text, clean);
    }
    if (value instanceof String[] texts) {
      String[] out = new String[texts.length];
      for (int i = 0; i < texts.length; i++) {
        out[i] = remembered(texts[i], clean);
      }
      return out;
    }
    if (value instanceof scala.collection.Map<?, ?> map) {
      java.util.Map<Object, Object> out = new java.util.HashMap<>();
      scala.collection.JavaConverters.mapAsJavaMap(map)
          .forEach((k, v) -> out.put(rowValue(k, clean), rowValue(v, clean)));
      return scala.collection.JavaConverters.mapAsScalaMap(out);
    }
    return value;
  }

  /** Per row column, the texts the rules already left alone (see {@link CleanTexts}). */
  private CleanTexts[] cleanByColumn = new CleanTexts[0];

  /** {@link #string}, answered from memory for a text it already left unchanged. */
  private String remembered(String text, CleanTexts clean) {
    if (text == null || text.length() < 8 || !clean.worthAsking(text)) {
      return string(text);
    }
    if (clean.contains(text)) {
      return text;
    }
    int before = count;
    String out = string(text);
    if (count == before && out.equals(text)) {
      clean.add(text);
    }
    return out;
  }

  /**
   * Texts of one column that the text rules left unchanged without counting anything: the rules
   * depend on nothing but the text, so the same text needs nothing again. Columns repeat their
   * values (user agents, namespaces, groups, annotations) far more than they hold secrets, and a
   * hash lookup is cheaper than the rules' dozen scans. Bounded (short texts, a few thousand of
   * them); a column whose values rarely repeat (ids, URIs) stops being remembered after a sample.
   */
  private static final class CleanTexts {
    private static final int MAX_TEXTS = 4096;
    private static final int MAX_LENGTH = 512;
    private static final int SAMPLE = 4096;
    private final java.util.HashSet<String> texts = new java.util.HashSet<>();
    private int asked;
    private int found;
    private boolean off;

    boolean worthAsking(String text) {
      return !off && text.length() <= MAX_LENGTH;
    }

    boolean contains(String text) {
      asked++;
      boolean hit = texts.contains(text);
      if (hit) {
        found++;
      }
      if (asked == SAMPLE && found < SAMPLE / 4) {
        off = true;
        texts.clear();
      }
      return hit;
    }

    void add(String text) {
      if (texts.size() >= MAX_TEXTS) {
        texts.clear();
      }
      texts.add(text);
    }
  }

  /** Redacts a request URI: the text rules, secret query parameters among them. */
  public String requestUri(String uri) {
    return string(uri);
  }

  /**
   * Redacts raw text that could not be parsed (for the rejects table): Secret data blocks and token
   * fields cut off mid-JSON, then every text rule.
   */
  public String rawText(String text) {
    if (text == null) {
      return null;
    }
    String redacted = text;
    if (redacted.contains("ata\"")) {
      redacted =
          replaceAll(
              RAW_SECRET_BLOCK, redacted, m -> "\"" + m.group(1) + "\":{\"" + MARKER + "\"}");
    }
    String lower = SecretKeys.asciiLower(redacted);
    if (lower.contains("token") || lower.contains("passw") || lower.contains("secret")) {
      redacted =
          replaceAll(
              RAW_TOKEN_FIELD,
              redacted,
              m -> m.group().contains(MARKER) ? null : "\"" + m.group(1) + "\":\"" + MARKER + "\"");
    }
    return string(redacted);
  }

  /** Redacts every secret the text rules find in one string value. */
  public String string(String text) {
    if (text == null || text.length() < 8) {
      return text;
    }
    String out = text;
    // Cheap checks first, on the text and its ASCII lower case (same indices): each pattern runs
    // only where it could match, since this runs on every string ingest writes.
    String lower = SecretKeys.asciiLower(out);
    if (out.contains("eyJ")) {
      out = replaceAll(JWT, out, m -> MARKER);
    }
    if (lower.contains("bearer")) {
      out = replaceAll(BEARER, out, m -> "Bearer " + MARKER);
    }
    if (out != text) {
      lower = SecretKeys.asciiLower(out);
    }
    String before = out;
    if (authorizationValue(lower)) {
      out = replaceAll(AUTHORIZATION, out, m -> keepKey(m, 1, 2));
    }
    if (out.contains("://") && out.indexOf('@') > 0) {
      out = replaceAll(URL_PASSWORD, out, m -> keepKey(m, 1, 2) + "@");
    }
    if (out.indexOf('=') >= 0 && containsAny(lower, URL_PARAMETER_ENDINGS)) {
      out = replaceAll(URL_SECRET_PARAMETER, out, m -> keepKey(m, 1, 2));
    }
    if (out != before) {
      lower = SecretKeys.asciiLower(out);
    }
    SecretKeys.Result keys = SecretKeys.redact(out, lower, MARKER);
    count += keys.replaced();
    out = keys.text();
    if (mayHoldAwsKeyId(out)) {
      out = replaceAll(AWS_ACCESS_KEY_ID, out, m -> MARKER);
    }
    if (out.contains("PRIVATE KEY-----")) {
      out = replaceAll(PRIVATE_KEY_BLOCK, out, m -> MARKER);
    }
    return out;
  }

  /** How every parameter URL_SECRET_PARAMETER redacts ends (x-amz-* among them). */
  private static final String[] URL_PARAMETER_ENDINGS = {
    "token=",
    "password=",
    "passwd=",
    "pwd=",
    "secret=",
    "api_key=",
    "apikey=",
    "key=",
    "sig=",
    "signature=",
    "credential=",
    "code="
  };

  /** Whether "authorization" stands anywhere as a key with a value (not as in a.k8s.io/...). */
  private static boolean authorizationValue(String lower) {
    for (int at = lower.indexOf("authorization");
        at >= 0;
        at = lower.indexOf("authorization", at + 1)) {
      int i = at + "authorization".length();
      while (i < lower.length()
          && (lower.charAt(i) == '\\' || lower.charAt(i) == '"' || lower.charAt(i) == '\'')) {
        i++;
      }
      while (i < lower.length() && Character.isWhitespace(lower.charAt(i))) {
        i++;
      }
      if (i < lower.length() && (lower.charAt(i) == ':' || lower.charAt(i) == '=')) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsAny(String lower, String[] words) {
    for (String word : words) {
      if (lower.contains(word)) {
        return true;
      }
    }
    return false;
  }

  static final String[] AWS_KEY_ID_PREFIXES = {
    "AKIA", "ASIA", "ABIA", "ACCA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA", "AGPA"
  };

  private static boolean mayHoldAwsKeyId(String text) {
    for (String prefix : AWS_KEY_ID_PREFIXES) {
      if (text.contains(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** A value worth replacing: not empty and not replaced already. */
  private static boolean secretValue(String value) {
    String bare = value;
    if (bare.length() >= 2
        && (bare.startsWith("\"") || bare.startsWith("'"))
        && bare.endsWith(bare.substring(0, 1))) {
      bare = bare.substring(1, bare.length() - 1);
    }
    return !bare.isEmpty() && !bare.startsWith("<redacted");
  }

  /** Keeps the match up to group {@code key} and replaces group {@code value} (if worth it). */
  private static String keepKey(Matcher m, int key, int value) {
    return secretValue(m.group(value)) ? m.group(key) + MARKER : null;
  }

  private void walk(JsonNode node) {
    if (node instanceof ObjectNode object) {
      String kind = object.path("kind").asText("");
      switch (kind) {
        case "Secret" -> secretPayload(object);
        case "SecretList" -> listItems(object);
        case "TokenRequest" -> replaceField(object.path("status"), "token");
        case "TokenReview" -> replaceField(object.path("spec"), "token");
        default -> {}
      }
      lastApplied(object);
      envValue(object);
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      List<String> textFields = new ArrayList<>();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (field.getValue().isTextual()) {
          textFields.add(field.getKey());
        } else {
          walk(field.getValue());
        }
      }
      for (String name : textFields) {
        String value = object.get(name).asText();
        if (SecretKeys.secretKey(name) && secretValue(value)) {
          object.put(name, MARKER);
          count++;
          continue;
        }
        String redacted = string(value);
        if (!redacted.equals(value)) {
          object.put(name, redacted);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode item = array.get(i);
        if (item.isTextual()) {
          String redacted = string(item.asText());
          if (!redacted.equals(item.asText())) {
            array.set(i, TextNode.valueOf(redacted));
          }
        } else {
          walk(item);
        }
      }
    }
  }

  /** {@code {"name": "DB_PASSWORD", "value": "…"}}: a container env var holding a secret. */
  private void envValue(ObjectNode object) {
    JsonNode name = object.get("name");
    JsonNode value = object.get("value");
    if (name != null
        && name.isTextual()
        && value != null
        && value.isTextual()
        && SecretKeys.secretEnvName(name.asText())
        && secretValue(value.asText())) {
      object.put("value", MARKER);
      count++;
    }
  }

  /** A list of Secrets: its items carry no kind of their own. */
  private void listItems(ObjectNode list) {
    if (list.get("items") instanceof ArrayNode items) {
      for (JsonNode item : items) {
        if (item instanceof ObjectNode secret) {
          secretPayload(secret);
        }
      }
    }
  }

  private void secretPayload(ObjectNode secret) {
    for (String field : new String[] {"data", "stringData"}) {
      JsonNode payload = secret.get(field);
      if (payload instanceof ObjectNode values) {
        Iterator<String> names = values.fieldNames();
        List<String> keys = new ArrayList<>();
        names.forEachRemaining(keys::add);
        for (String key : keys) {
          if (!MARKER.equals(values.get(key).asText())) {
            values.put(key, MARKER);
            count++;
          }
        }
      } else if (payload != null && !payload.isNull() && !MARKER.equals(payload.asText())) {
        secret.put(field, MARKER);
        count++;
      }
    }
  }

  private void replaceField(JsonNode parent, String field) {
    if (parent instanceof ObjectNode object
        && object.hasNonNull(field)
        && !object.get(field).asText().isEmpty()
        && !MARKER.equals(object.get(field).asText())) {
      object.put(field, MARKER);
      count++;
    }
  }

  /** kubectl copies the whole applied object, Secret data included, into an annotation. */
  private void lastApplied(ObjectNode object) {
    JsonNode annotations = object.path("metadata").path("annotations");
    if (!(annotations instanceof ObjectNode map) || !map.hasNonNull(LAST_APPLIED)) {
      return;
    }
    String applied = map.get(LAST_APPLIED).asText();
    try {
      JsonNode parsed = Json.MAPPER.readTree(applied);
      int before = count;
      walk(parsed);
      if (count != before) {
        map.put(LAST_APPLIED, Json.MAPPER.writeValueAsString(parsed));
      }
    } catch (IOException e) {
      // Not JSON: the text rules still run on it as a string value.
      if (applied.contains("\"data\"") || applied.contains("\"stringData\"")) {
        map.put(LAST_APPLIED, MARKER);
        count++;
      }
    }
  }

  /**
   * Replaces every match with what {@code replacement} makes of it; a null replacement keeps the
   * match as it is (and does not count).
   */
  private String replaceAll(Pattern pattern, String text, Function<Matcher, String> replacement) {
    Matcher matcher = pattern.matcher(text);
    if (!matcher.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    do {
      String replaced = replacement.apply(matcher);
      if (replaced == null) {
        replaced = matcher.group();
      } else {
        count++;
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(replaced));
    } while (matcher.find());
    matcher.appendTail(out);
    return out.toString();
  }
}
