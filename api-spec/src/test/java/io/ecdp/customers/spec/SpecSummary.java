package io.ecdp.customers.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Prints a summary of the spec: what it describes, its operations, schemas and examples. */
public final class SpecSummary {

  private SpecSummary() {}

  /** Prints the summary of the spec named by the first argument. */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    SpecDocument spec = SpecDocument.read(Path.of(args[0]));
    JsonNode root = spec.root();
    out.printf(
        "%s %s (OpenAPI %s)%n",
        root.at("/info/title").asText(),
        root.at("/info/version").asText(),
        root.path("openapi").asText());
    root.path("servers").forEach(s -> out.println("server: " + s.path("url").asText()));
    out.println();
    spec.forEachOperation(
        (method, path, op, item) -> {
          StringBuilder codes = new StringBuilder();
          op.path("responses").fieldNames().forEachRemaining(c -> codes.append(c).append(' '));
          out.printf(
              "  %-6s %-26s %-22s %s [%s]%n",
              method.toUpperCase(),
              path,
              op.path("operationId").asText(),
              op.path("summary").asText(),
              codes.toString().trim());
        });
    JsonNode components = root.path("components");
    out.printf(
        "%n%d schemas, %d named examples, %d shared responses; spec guards: %s%n",
        components.path("schemas").size(),
        components.path("examples").size(),
        components.path("responses").size(),
        new ExampleValidator(spec).findings().isEmpty()
                && StructureCheck.check(spec).isEmpty()
                && SeedFacts.load().check(spec).isEmpty()
            ? "all green"
            : "RED (run ./mvnw verify)");
  }
}
