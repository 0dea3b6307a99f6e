package io.ecdp.customers.spec;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reads an OpenAPI document as a raw JSON tree and resolves its local {@code $ref}s. */
public final class SpecDocument {

  /** A YAML reader and writer that keeps documents readable when written back. */
  public static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .build());

  /** The HTTP methods an OpenAPI path item may hold, in the order reports list them. */
  public static final List<String> METHODS =
      List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private final Path path;
  private final JsonNode root;

  private SpecDocument(Path path, JsonNode root) {
    this.path = path;
    this.root = root;
  }

  /** Reads the document at {@code path}. */
  public static SpecDocument read(Path path) {
    try {
      return new SpecDocument(path, YAML.readTree(Files.readString(path)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  /** The location of the spec under test, from the {@code ecdp.spec} system property. */
  public static Path specUnderTest() {
    return Path.of(
        Objects.requireNonNull(
            System.getProperty("ecdp.spec"), "system property ecdp.spec (set by the POM)"));
  }

  /** Returns where this document was read from. */
  public Path path() {
    return path;
  }

  /** Returns the whole document tree. */
  public JsonNode root() {
    return root;
  }

  /** Returns a deep copy of the tree, for mutation. */
  public ObjectNode copyOfRoot() {
    return (ObjectNode) root.deepCopy();
  }

  /** Returns the node at a JSON pointer ({@code #/components/...} or {@code /components/...}). */
  public JsonNode at(String pointer) {
    String p = pointer.startsWith("#") ? pointer.substring(1) : pointer;
    return root.at(JsonPointer.compile(p));
  }

  /** Follows {@code $ref}s (local ones only) until a node without one is reached. */
  public JsonNode resolve(JsonNode node) {
    JsonNode current = node;
    for (int hops = 0; current != null && current.has("$ref"); hops++) {
      if (hops > 32) {
        throw new IllegalStateException("$ref cycle at " + node);
      }
      String ref = current.get("$ref").asText();
      if (!ref.startsWith("#/")) {
        throw new IllegalStateException("only local $refs are supported here: " + ref);
      }
      current = at(ref);
      if (current.isMissingNode()) {
        throw new IllegalStateException("unresolvable $ref " + ref);
      }
    }
    return current;
  }

  /** Escapes one JSON pointer token. */
  public static String token(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  /** Visits each operation as (method, path, operation node). */
  public void forEachOperation(OperationVisitor visitor) {
    for (Map.Entry<String, JsonNode> pathItem : root.path("paths").properties()) {
      for (String method : METHODS) {
        JsonNode operation = pathItem.getValue().get(method);
        if (operation != null) {
          visitor.visit(method, pathItem.getKey(), operation, pathItem.getValue());
        }
      }
    }
  }

  /** Receives the operations of a document. */
  @FunctionalInterface
  public interface OperationVisitor {
    /** Receives one operation and the path item that holds it. */
    void visit(String method, String path, JsonNode operation, JsonNode pathItem);
  }
}
