package io.ecdp.customers.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Checks that a spec states every fact of the vendor's page, as listed in {@code seed-facts.yaml}.
 */
public final class SeedFacts {

  private static final String GUARD = "seed facts";

  private final JsonNode facts;

  private SeedFacts(JsonNode facts) {
    this.facts = facts;
  }

  /** Loads the facts from the test classpath ({@code seed-facts.yaml}). */
  public static SeedFacts load() {
    try (InputStream in = SeedFacts.class.getResourceAsStream("/seed-facts.yaml")) {
      if (in == null) {
        throw new IllegalStateException("seed-facts.yaml is not on the test classpath");
      }
      // SnakeYAML expands the file's anchors and aliases, which Jackson's tree model does not.
      Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      return new SeedFacts(new ObjectMapper().valueToTree(tree));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the number of operations the seed documents. */
  public int operationCount() {
    return facts.path("operations").size();
  }

  /** Returns every fact the spec fails to state; empty when the spec states them all. */
  public List<Finding> check(SpecDocument spec) {
    List<Finding> out = new ArrayList<>();
    checkServersAndSecurity(spec, out);
    Set<String> documented = new HashSet<>();
    for (JsonNode op : facts.path("operations")) {
      String method = op.path("method").asText();
      String path = op.path("path").asText();
      String where = method.toUpperCase(Locale.ROOT) + " " + path;
      documented.add(where);
      JsonNode operation = spec.root().path("paths").path(path).path(method);
      if (operation.isMissingNode()) {
        out.add(new Finding(GUARD, where, "operation is missing"));
        continue;
      }
      checkParameters(spec, op, operation, where, out);
      checkResponses(spec, op.path("responses"), operation, where, out);
      if (op.has("request")) {
        checkRequest(spec, op.path("request"), operation, where, out);
      }
      String description = operation.path("description").asText("");
      for (JsonNode mention : op.path("descriptionMentions")) {
        if (!description.contains(mention.asText())) {
          out.add(new Finding(GUARD, where, "description does not mention " + mention.asText()));
        }
      }
    }
    spec.forEachOperation(
        (method, path, operation, item) -> {
          String where = method.toUpperCase(Locale.ROOT) + " " + path;
          if (!documented.contains(where)) {
            out.add(new Finding(GUARD, where, "operation is not documented by the vendor"));
          }
        });
    return out;
  }

  private void checkServersAndSecurity(SpecDocument spec, List<Finding> out) {
    List<String> servers = new ArrayList<>();
    spec.root().path("servers").forEach(s -> servers.add(s.path("url").asText()));
    List<String> expected = new ArrayList<>();
    facts.path("servers").forEach(s -> expected.add(s.asText()));
    if (!servers.equals(expected)) {
      out.add(new Finding(GUARD, "/servers", "expected " + expected + " but was " + servers));
    }
    JsonNode want = facts.path("securityScheme");
    boolean found = false;
    for (Map.Entry<String, JsonNode> scheme :
        spec.root().path("components").path("securitySchemes").properties()) {
      JsonNode s = scheme.getValue();
      if (s.path("type").asText().equals(want.path("type").asText())
          && s.path("in").asText().equals(want.path("in").asText())
          && s.path("name").asText().equals(want.path("name").asText())) {
        found = true;
        checkSecurityApplied(spec, scheme.getKey(), out);
      }
    }
    if (!found) {
      out.add(new Finding(GUARD, "/components/securitySchemes", "no scheme " + want));
    }
  }

  private static void checkSecurityApplied(SpecDocument spec, String scheme, List<Finding> out) {
    boolean global = requires(spec.root().path("security"), scheme);
    spec.forEachOperation(
        (method, path, operation, item) -> {
          boolean applied =
              operation.has("security") ? requires(operation.get("security"), scheme) : global;
          if (!applied) {
            out.add(
                new Finding(
                    GUARD,
                    method.toUpperCase(Locale.ROOT) + " " + path,
                    "security " + scheme + " not applied"));
          }
        });
  }

  private static boolean requires(JsonNode security, String scheme) {
    if (!security.isArray() || security.isEmpty()) {
      return false;
    }
    for (JsonNode alternative : security) {
      if (!alternative.has(scheme)) {
        return false; // an alternative without the key would let calls through without it
      }
    }
    return true;
  }

  private void checkParameters(
      SpecDocument spec, JsonNode op, JsonNode operation, String where, List<Finding> out) {
    JsonNode pathItem = spec.root().path("paths").path(op.path("path").asText());
    for (JsonNode nameNode : op.path("parameters")) {
      String name = nameNode.asText();
      JsonNode fact = facts.path("parameters").path(name);
      JsonNode parameter = findParameter(spec, operation, name);
      if (parameter == null) {
        parameter = findParameter(spec, pathItem, name);
      }
      String at = where + " parameter " + name;
      if (parameter == null) {
        out.add(new Finding(GUARD, at, "parameter is missing"));
        continue;
      }
      expectEquals(out, at, "in", fact.path("in").asText(), parameter.path("in").asText());
      expectEquals(
          out,
          at,
          "required",
          fact.path("required").asBoolean(),
          parameter.path("required").asBoolean(false));
      checkSchemaFacts(fact, spec.resolve(parameter.path("schema")), at, out);
      if (fact.has("example") && !exampleValues(spec, parameter).contains(fact.get("example"))) {
        out.add(
            new Finding(GUARD, at, "no example with the vendor's value " + fact.get("example")));
      }
    }
    List<String> declared = new ArrayList<>();
    for (JsonNode list : List.of(pathItem.path("parameters"), operation.path("parameters"))) {
      list.forEach(p -> declared.add(spec.resolve(p).path("name").asText()));
    }
    Set<String> expected = new TreeSet<>();
    op.path("parameters").forEach(p -> expected.add(p.asText()));
    if (!expected.equals(new TreeSet<>(declared))) {
      out.add(new Finding(GUARD, where, "parameters " + declared + " but expected " + expected));
    }
  }

  private static JsonNode findParameter(SpecDocument spec, JsonNode holder, String name) {
    for (JsonNode p : holder.path("parameters")) {
      JsonNode resolved = spec.resolve(p);
      if (resolved.path("name").asText().equals(name)) {
        return resolved;
      }
    }
    return null;
  }

  private static List<JsonNode> exampleValues(SpecDocument spec, JsonNode holder) {
    List<JsonNode> values = new ArrayList<>();
    if (holder.has("example")) {
      values.add(holder.get("example"));
    }
    holder.path("examples").forEach(e -> values.add(spec.resolve(e).path("value")));
    return values;
  }

  private void checkResponses(
      SpecDocument spec, JsonNode expected, JsonNode operation, String where, List<Finding> out) {
    Set<String> actualCodes = new TreeSet<>();
    operation.path("responses").fieldNames().forEachRemaining(actualCodes::add);
    Set<String> expectedCodes = new TreeSet<>();
    expected.fieldNames().forEachRemaining(expectedCodes::add);
    if (!actualCodes.equals(expectedCodes)) {
      out.add(
          new Finding(
              GUARD,
              where,
              "responses " + actualCodes + " but the vendor documents " + expectedCodes));
    }
    for (String code : expectedCodes) {
      JsonNode response = spec.resolve(operation.path("responses").path(code));
      if (response.isMissingNode()) {
        continue;
      }
      String at = where + " " + code;
      JsonNode want = expected.path(code);
      if (!want.has("mediaType")) {
        if (response.has("content")) {
          out.add(new Finding(GUARD, at, "the vendor documents no body, the spec declares one"));
        }
        continue;
      }
      String mediaType = want.path("mediaType").asText();
      JsonNode media = response.path("content").path(mediaType);
      if (media.isMissingNode()) {
        out.add(new Finding(GUARD, at, "no " + mediaType + " body"));
        continue;
      }
      if (exampleValues(spec, media).isEmpty()) {
        out.add(new Finding(GUARD, at, "no documented example"));
      }
      checkFields(spec, facts.path("shapes").path(want.path("shape").asText()), media, at, out);
    }
  }

  private void checkRequest(
      SpecDocument spec, JsonNode expected, JsonNode operation, String where, List<Finding> out) {
    JsonNode body = spec.resolve(operation.path("requestBody"));
    if (!body.path("required").asBoolean(false)) {
      out.add(new Finding(GUARD, where + " request", "request body is not required"));
    }
    String mediaType = expected.path("mediaType").asText();
    JsonNode media = body.path("content").path(mediaType);
    if (media.isMissingNode()) {
      out.add(new Finding(GUARD, where + " request", "no " + mediaType + " body"));
      return;
    }
    checkFields(spec, expected.path("fields"), media, where + " request", out);
    List<JsonNode> examples = exampleValues(spec, media);
    for (JsonNode field : expected.path("examplesCover")) {
      JsonNode schema = resolvePath(spec, media.path("schema"), field.asText());
      Set<String> covered = new TreeSet<>();
      examples.forEach(e -> covered.add(e.path(field.asText()).asText()));
      for (JsonNode value : schema == null ? List.<JsonNode>of() : listOf(schema.path("enum"))) {
        if (!covered.contains(value.asText())) {
          out.add(
              new Finding(
                  GUARD,
                  where + " request",
                  "no named example with " + field.asText() + "=" + value.asText()));
        }
      }
    }
    if (expected.has("exampleContains")
        && examples.stream().noneMatch(e -> contains(e, expected.get("exampleContains")))) {
      out.add(
          new Finding(GUARD, where + " request", "no example holds the vendor's documented one"));
    }
  }

  private void checkFields(
      SpecDocument spec, JsonNode fields, JsonNode media, String where, List<Finding> out) {
    for (Map.Entry<String, JsonNode> f : fields.properties()) {
      String at = where + " field " + f.getKey();
      String path = f.getKey();
      JsonNode schema = resolvePath(spec, media.path("schema"), path);
      if (schema == null) {
        out.add(new Finding(GUARD, at, "field is missing"));
        continue;
      }
      JsonNode fact = f.getValue();
      checkSchemaFacts(fact, schema, at, out);
      if (fact.has("required")) {
        boolean required = isRequired(spec, media.path("schema"), path);
        expectEquals(out, at, "required", fact.get("required").asBoolean(), required);
      }
    }
  }

  private static void checkSchemaFacts(
      JsonNode fact, JsonNode schema, String at, List<Finding> out) {
    for (String key : new String[] {"type", "format", "maxLength", "minLength", "default"}) {
      if (fact.has(key)) {
        expectEquals(out, at, key, fact.get(key).asText(), schema.path(key).asText(null));
      }
    }
    if (fact.has("enum")) {
      List<String> want = new ArrayList<>();
      fact.get("enum").forEach(v -> want.add(v.asText()));
      List<String> got = new ArrayList<>();
      schema.path("enum").forEach(v -> got.add(v.asText()));
      if (!new TreeSet<>(want).equals(new TreeSet<>(got))) {
        out.add(new Finding(GUARD, at, "enum " + got + " but the vendor documents " + want));
      }
    }
    if (fact.has("accepts") || fact.has("rejects")) {
      Pattern pattern;
      try {
        pattern = schema.has("pattern") ? ecmaPattern(schema.get("pattern").asText()) : null;
      } catch (PatternSyntaxException e) {
        out.add(new Finding(GUARD, at, "pattern does not compile: " + e.getMessage()));
        return;
      }
      for (JsonNode v : fact.path("accepts")) {
        if (pattern != null && !pattern.matcher(v.asText()).find()) {
          out.add(new Finding(GUARD, at, "pattern refuses the valid value '" + v.asText() + "'"));
        }
      }
      for (JsonNode v : fact.path("rejects")) {
        if (pattern == null || pattern.matcher(v.asText()).find()) {
          out.add(new Finding(GUARD, at, "does not refuse the invalid value '" + v.asText() + "'"));
        }
      }
    }
  }

  /**
   * Compiles a JSON Schema (ECMA 262) pattern with its meaning: a trailing {@code $} matches only
   * at the very end, where Java's {@code $} would also match before a final line break, and {@code
   * \s} is Unicode white space.
   */
  static Pattern ecmaPattern(String pattern) {
    boolean trailingDollar = pattern.endsWith("$") && !pattern.endsWith("\\$");
    return Pattern.compile(
        trailingDollar ? pattern.substring(0, pattern.length() - 1) + "\\z" : pattern,
        Pattern.UNICODE_CHARACTER_CLASS);
  }

  /** Walks a field path such as {@code data[].consentsData.consents[].id}; null when absent. */
  static JsonNode resolvePath(SpecDocument spec, JsonNode schema, String path) {
    JsonNode current = spec.resolve(schema);
    for (String segment : path.split("\\.", -1)) {
      boolean array = segment.endsWith("[]");
      String name = array ? segment.substring(0, segment.length() - 2) : segment;
      JsonNode next = current.path("properties").path(name);
      if (next.isMissingNode()) {
        return null;
      }
      current = spec.resolve(next);
      if (array) {
        if (!"array".equals(current.path("type").asText())) {
          return null;
        }
        current = spec.resolve(current.path("items"));
      }
    }
    return current;
  }

  private static boolean isRequired(SpecDocument spec, JsonNode schema, String path) {
    int dot = path.lastIndexOf('.');
    JsonNode parent =
        dot < 0 ? spec.resolve(schema) : resolvePath(spec, schema, path.substring(0, dot));
    String leaf = path.substring(dot + 1).replace("[]", "");
    if (parent == null) {
      return false;
    }
    for (JsonNode r : parent.path("required")) {
      if (r.asText().equals(leaf)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code actual} holds every member and element of {@code expected}. */
  static boolean contains(JsonNode actual, JsonNode expected) {
    if (expected.isObject()) {
      for (Map.Entry<String, JsonNode> e : expected.properties()) {
        if (!actual.has(e.getKey()) || !contains(actual.get(e.getKey()), e.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (expected.isArray()) {
      if (!actual.isArray() || actual.size() < expected.size()) {
        return false;
      }
      for (int i = 0; i < expected.size(); i++) {
        if (!contains(actual.get(i), expected.get(i))) {
          return false;
        }
      }
      return true;
    }
    return expected.asText().equals(actual.asText()) && expected.isNumber() == actual.isNumber();
  }

  private static List<JsonNode> listOf(JsonNode array) {
    List<JsonNode> list = new ArrayList<>();
    array.forEach(list::add);
    return list;
  }

  private static void expectEquals(
      List<Finding> out, String at, String what, Object expected, Object actual) {
    if (!String.valueOf(expected).equals(String.valueOf(actual))) {
      out.add(new Finding(GUARD, at, what + " is " + actual + " but should be " + expected));
    }
  }
}
