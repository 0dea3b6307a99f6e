package io.ecdp.customers.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validates every example in an OpenAPI 3.0 document against the schema it illustrates.
 *
 * <p>Covers named {@code examples} (following {@code $ref}s into {@code components/examples}) and
 * singular {@code example}s of media types and parameters, and {@code example}s of schemas. Each
 * OpenAPI schema is translated to JSON Schema draft 4, the dialect OpenAPI 3.0 builds on, with two
 * additions: {@code int32}/{@code int64} become numeric bounds, and objects that do not declare
 * {@code additionalProperties} are closed, so an example that uses a field the schema does not
 * document (a renamed field, a typo) fails instead of passing silently.
 */
public final class ExampleValidator {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> NOT_JSON_SCHEMA =
      Set.of(
          "example",
          "examples",
          "description",
          "externalDocs",
          "xml",
          "discriminator",
          "readOnly",
          "writeOnly",
          "deprecated",
          "nullable");

  private final SpecDocument spec;
  private final ObjectNode definitions;
  private final JsonSchemaFactory factory =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
  private final SchemaValidatorsConfig config =
      SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

  /** Creates a validator for the examples of {@code spec}. */
  public ExampleValidator(SpecDocument spec) {
    this.spec = spec;
    this.definitions = NODES.objectNode();
    spec.root()
        .path("components")
        .path("schemas")
        .properties()
        .forEach(e -> definitions.set(e.getKey(), toJsonSchema(e.getValue())));
  }

  /** Returns one line per example: where it is, and whether it is valid. */
  public List<Checked> checkAll() {
    List<Checked> results = new ArrayList<>();
    walk(spec.root(), "", results);
    return results;
  }

  /** Returns the findings: one for each invalid example. */
  public List<Finding> findings() {
    List<Finding> findings = new ArrayList<>();
    for (Checked c : checkAll()) {
      for (String error : c.errors()) {
        findings.add(new Finding("examples", c.where(), error));
      }
    }
    return findings;
  }

  /**
   * One validated example.
   *
   * @param where the JSON pointer of the example, and of the example it refers to
   * @param errors the schema violations; empty when the example is valid
   */
  public record Checked(String where, List<String> errors) {}

  private void walk(JsonNode node, String pointer, List<Checked> out) {
    if (node.isArray()) {
      int i = 0;
      for (JsonNode item : node) {
        walk(item, pointer + "/" + i++, out);
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    if (node.has("schema") && (node.has("examples") || node.has("example"))) {
      checkExamplesOf(node, pointer, node.get("schema"), out);
    }
    for (Map.Entry<String, JsonNode> f : node.properties()) {
      String key = f.getKey();
      String child = pointer + "/" + SpecDocument.token(key);
      if (key.equals("example") || key.equals("examples")) {
        // data, not document structure: checked above against its schema
      } else if (key.equals("schema")) {
        walkSchema(f.getValue(), child, out);
      } else if (pointer.equals("/components") && key.equals("schemas")) {
        f.getValue()
            .properties()
            .forEach(
                s -> walkSchema(s.getValue(), child + "/" + SpecDocument.token(s.getKey()), out));
      } else {
        walk(f.getValue(), child, out);
      }
    }
  }

  private void walkSchema(JsonNode schema, String pointer, List<Checked> out) {
    if (!schema.isObject() || schema.has("$ref")) {
      return;
    }
    if (schema.has("example")) {
      check(schema.get("example"), schema, pointer + "/example", out);
    }
    schema
        .path("properties")
        .properties()
        .forEach(
            p ->
                walkSchema(
                    p.getValue(), pointer + "/properties/" + SpecDocument.token(p.getKey()), out));
    for (String key : new String[] {"items", "additionalProperties", "not"}) {
      walkSchema(schema.path(key), pointer + "/" + key, out);
    }
    for (String key : new String[] {"allOf", "anyOf", "oneOf"}) {
      int i = 0;
      for (JsonNode member : schema.path(key)) {
        walkSchema(member, pointer + "/" + key + "/" + i++, out);
      }
    }
  }

  private void checkExamplesOf(
      JsonNode holder, String pointer, JsonNode schema, List<Checked> out) {
    if (holder.has("example")) {
      check(holder.get("example"), schema, pointer + "/example", out);
    }
    for (Map.Entry<String, JsonNode> e : holder.path("examples").properties()) {
      String where = pointer + "/examples/" + SpecDocument.token(e.getKey());
      JsonNode example = e.getValue();
      if (example.has("$ref")) {
        where += " -> " + example.get("$ref").asText();
      }
      JsonNode resolved = spec.resolve(example);
      if (!resolved.has("value")) {
        out.add(new Checked(where, List.of("example has no inline `value`")));
        continue;
      }
      check(resolved.get("value"), schema, where, out);
    }
  }

  private void check(JsonNode instance, JsonNode openApiSchema, String where, List<Checked> out) {
    ObjectNode root = (ObjectNode) toJsonSchema(openApiSchema);
    root.set("definitions", definitions);
    JsonSchema schema = factory.getSchema(root, config);
    Set<String> errors = new TreeSet<>();
    for (ValidationMessage m : schema.validate(instance)) {
      errors.add(m.getMessage());
    }
    out.add(new Checked(where, List.copyOf(errors)));
  }

  /** Translates an OpenAPI 3.0 schema object to a closed JSON Schema draft 4 schema. */
  static JsonNode toJsonSchema(JsonNode node) {
    if (node.isArray()) {
      ArrayNode copy = NODES.arrayNode();
      node.forEach(item -> copy.add(toJsonSchema(item)));
      return copy;
    }
    if (!node.isObject()) {
      return node.deepCopy();
    }
    ObjectNode copy = NODES.objectNode();
    for (Map.Entry<String, JsonNode> f : node.properties()) {
      String key = f.getKey();
      JsonNode value = f.getValue();
      if (NOT_JSON_SCHEMA.contains(key) || key.startsWith("x-")) {
        continue;
      }
      if (key.equals("$ref")) {
        copy.put("$ref", value.asText().replace("#/components/schemas/", "#/definitions/"));
      } else if (key.equals("properties")) {
        ObjectNode props = copy.putObject("properties");
        value.properties().forEach(p -> props.set(p.getKey(), toJsonSchema(p.getValue())));
      } else if (key.equals("enum") || key.equals("required")) {
        copy.set(key, value.deepCopy());
      } else {
        copy.set(key, toJsonSchema(value));
      }
    }
    if (node.path("nullable").asBoolean(false) && copy.has("type")) {
      ArrayNode types = copy.putArray("type");
      types.add(node.get("type").asText()).add("null");
    }
    String format = node.path("format").asText("");
    if (format.equals("int32")) {
      copy.put("minimum", Integer.MIN_VALUE).put("maximum", Integer.MAX_VALUE);
    } else if (format.equals("int64")) {
      copy.put("minimum", Long.MIN_VALUE).put("maximum", Long.MAX_VALUE);
    }
    boolean isObject = node.path("type").asText("").equals("object") || node.has("properties");
    boolean composed = node.has("allOf") || node.has("anyOf") || node.has("oneOf");
    if (isObject && !composed && !node.has("additionalProperties")) {
      copy.put("additionalProperties", false);
    }
    return copy;
  }
}
