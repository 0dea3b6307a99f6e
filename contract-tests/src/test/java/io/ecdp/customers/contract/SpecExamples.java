package io.ecdp.customers.contract;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The spec's operations, documented statuses and named examples, read from the YAML itself. */
final class SpecExamples {

  /** One operation of the spec. */
  record Operation(String id, String method, String path) {
    String label() {
      return method.toUpperCase(Locale.ROOT) + " " + path;
    }
  }

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String[] METHODS = {"get", "post", "delete", "put", "patch"};

  private final JsonNode root;

  SpecExamples(Path spec) {
    try {
      this.root = YAML.readTree(spec.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns every operation, in the spec's order. */
  List<Operation> operations() {
    List<Operation> out = new ArrayList<>();
    root.path("paths")
        .properties()
        .forEach(
            p -> {
              for (String m : METHODS) {
                JsonNode op = p.getValue().get(m);
                if (op != null) {
                  out.add(new Operation(op.path("operationId").asText(), m, p.getKey()));
                }
              }
            });
    return out;
  }

  /** Returns the documented statuses of an operation. */
  List<Integer> statuses(Operation op) {
    List<Integer> out = new ArrayList<>();
    operation(op).path("responses").fieldNames().forEachRemaining(c -> out.add(Integer.valueOf(c)));
    return out;
  }

  /** Returns the named examples of one response (name to value); empty when it has no body. */
  Map<String, JsonNode> responseExamples(Operation op, int status) {
    JsonNode response = resolve(operation(op).path("responses").path(String.valueOf(status)));
    return examples(response.path("content"));
  }

  /** Returns the named examples of the operation's request body. */
  Map<String, JsonNode> requestExamples(Operation op) {
    return examples(resolve(operation(op).path("requestBody")).path("content"));
  }

  private Map<String, JsonNode> examples(JsonNode content) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    content
        .properties()
        .forEach(
            media ->
                media
                    .getValue()
                    .path("examples")
                    .properties()
                    .forEach(e -> out.put(e.getKey(), resolve(e.getValue()).path("value"))));
    return out;
  }

  private JsonNode operation(Operation op) {
    return root.path("paths").path(op.path()).path(op.method());
  }

  private JsonNode resolve(JsonNode node) {
    JsonNode current = node;
    while (current.has("$ref")) {
      current = root.at(JsonPointer.compile(current.get("$ref").asText().substring(1)));
    }
    return current;
  }
}
