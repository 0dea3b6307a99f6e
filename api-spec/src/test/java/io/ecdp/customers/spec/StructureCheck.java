package io.ecdp.customers.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
          String where = method.toUpperCase() + " " + path;
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
    return out;
  }
}
