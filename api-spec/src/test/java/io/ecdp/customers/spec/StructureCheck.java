package io.ecdp.customers.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates the structure of the document with swagger-parser, plus the house rules that make
 * generated code and reviews read well.
 */
public final class StructureCheck {

  private static final String GUARD = "structure";
  private static final Pattern JAVA_METHOD_NAME = Pattern.compile("[a-z][a-zA-Z0-9]*");

  private StructureCheck() {}

  /** Returns every structural problem of {@code spec}; empty when it is sound. */
  public static List<Finding> check(SpecDocument spec) {
    List<Finding> out = new ArrayList<>();
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result =
        new OpenAPIV3Parser().readLocation(spec.path().toUri().toString(), null, options);
    if (result.getMessages() != null) {
      result.getMessages().forEach(m -> out.add(new Finding(GUARD, spec.path().toString(), m)));
    }
    if (result.getOpenAPI() == null) {
      out.add(new Finding(GUARD, spec.path().toString(), "not an OpenAPI document"));
      return out;
    }
    String version = spec.root().path("openapi").asText();
    if (!version.equals("3.0.3")) {
      out.add(new Finding(GUARD, "/openapi", "is " + version + ", the project uses 3.0.3"));
    }
    Set<String> ids = new HashSet<>();
    Set<String> tags = new HashSet<>();
    spec.forEachOperation(
        (method, path, op, item) -> {
          String where = method.toUpperCase(Locale.ROOT) + " " + path;
          String id = op.path("operationId").asText("");
          if (!JAVA_METHOD_NAME.matcher(id).matches()) {
            out.add(
                new Finding(GUARD, where, "operationId '" + id + "' is not a Java method name"));
          }
          if (!ids.add(id)) {
            out.add(new Finding(GUARD, where, "operationId '" + id + "' is used twice"));
          }
          if (op.path("tags").size() != 1) {
            out.add(new Finding(GUARD, where, "needs exactly one tag"));
          }
          op.path("tags").forEach(t -> tags.add(t.asText()));
          for (String text : new String[] {"summary", "description"}) {
            if (op.path(text).asText("").isBlank()) {
              out.add(new Finding(GUARD, where, "has no " + text));
            }
          }
          op.path("responses")
              .properties()
              .forEach(
                  r -> {
                    if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                      JsonNode content = spec.resolve(r.getValue()).path("content");
                      if (!content.has("application/problem+json") || content.size() != 1) {
                        out.add(
                            new Finding(
                                GUARD,
                                where + " " + r.getKey(),
                                "errors are application/problem+json only"));
                      }
                    }
                  });
        });
    if (tags.size() != 1) {
      out.add(new Finding(GUARD, "/tags", "the operations use " + tags + ", expected one tag"));
    }
    checkControlCharacters(spec, out);
    return out;
  }

  /**
   * The control characters that no string a client sends may hold (D14): U+0000 to U+001F and
   * U+007F to U+009F, except tab, line feed and carriage return, which only free text may hold
   * (each field's choice is a seed fact).
   */
  static final int[] NEVER_SENT = neverSent();

  private static int[] neverSent() {
    List<Integer> out = new ArrayList<>();
    for (int c = 0; c <= 0x9F; c++) {
      boolean control = c <= 0x1F || c >= 0x7F;
      if (control && c != '\t' && c != '\n' && c != '\r') {
        out.add(c);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * D14: every free-form string a client sends (a string without {@code enum} or {@code format}, in
   * a request body or a parameter) has a {@code pattern} that refuses each control character of
   * {@link #NEVER_SENT}, so that a new field cannot forget the rule.
   */
  private static void checkControlCharacters(SpecDocument spec, List<Finding> out) {
    spec.forEachOperation(
        (method, path, op, item) -> {
          String where = method.toUpperCase(Locale.ROOT) + " " + path;
          for (JsonNode list : List.of(item.path("parameters"), op.path("parameters"))) {
            for (JsonNode p : list) {
              JsonNode parameter = spec.resolve(p);
              checkSentStrings(
                  spec,
                  parameter.path("schema"),
                  where + " parameter " + parameter.path("name").asText(),
                  new HashSet<>(),
                  out);
            }
          }
          spec.resolve(op.path("requestBody"))
              .path("content")
              .properties()
              .forEach(
                  m ->
                      checkSentStrings(
                          spec,
                          m.getValue().path("schema"),
                          where + " request",
                          new HashSet<>(),
                          out));
        });
  }

  private static void checkSentStrings(
      SpecDocument spec, JsonNode node, String where, Set<String> seen, List<Finding> out) {
    if (node.has("$ref") && !seen.add(node.get("$ref").asText())) {
      return; // a recursive schema is checked once
    }
    JsonNode schema = spec.resolve(node);
    if (schema.isMissingNode()) {
      return;
    }
    if ("string".equals(schema.path("type").asText())
        && !schema.has("enum")
        && !schema.has("format")) {
      String pattern = schema.path("pattern").asText(null);
      if (pattern == null) {
        out.add(new Finding(GUARD, where, "has no pattern refusing control characters (D14)"));
        return;
      }
      Pattern compiled;
      try {
        compiled = SeedFacts.ecmaPattern(pattern);
      } catch (java.util.regex.PatternSyntaxException e) {
        out.add(new Finding(GUARD, where, "pattern does not compile: " + e.getDescription()));
        return;
      }
      for (int c : NEVER_SENT) {
        if (compiled.matcher("a" + (char) c + "b").find()) {
          out.add(
              new Finding(
                  GUARD,
                  where,
                  String.format("pattern lets the control character U+%04X through (D14)", c)));
          return;
        }
      }
      return;
    }
    schema
        .path("properties")
        .properties()
        .forEach(p -> checkSentStrings(spec, p.getValue(), where + "." + p.getKey(), seen, out));
    if (schema.has("items")) {
      checkSentStrings(spec, schema.get("items"), where + "[]", seen, out);
    }
    for (String key : new String[] {"allOf", "anyOf", "oneOf"}) {
      for (JsonNode member : schema.path(key)) {
        checkSentStrings(spec, member, where, seen, out);
      }
    }
  }
}
