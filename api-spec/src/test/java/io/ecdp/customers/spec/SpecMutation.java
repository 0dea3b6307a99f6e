package io.ecdp.customers.spec;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** A careless edit of the spec, applied to a copy: the guards must notice it. */
public record SpecMutation(String name, Consumer<ObjectNode> edit) {

  /** Applies the edit to a copy of {@code spec} and writes the copy into {@code dir}. */
  public Path applyTo(SpecDocument spec, Path dir) {
    ObjectNode copy = spec.copyOfRoot();
    edit.accept(copy);
    try {
      Path out = Files.createDirectories(dir).resolve("openapi.yaml");
      SpecDocument.YAML.writeValue(out.toFile(), copy);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return name;
  }

  /** Removes the value {@code value} from the enum at {@code pointer}. */
  public static Consumer<ObjectNode> dropEnumValue(String pointer, String value) {
    return root -> {
      ArrayNode values = (ArrayNode) node(root, pointer + "/enum");
      for (int i = 0; i < values.size(); i++) {
        if (values.get(i).asText().equals(value)) {
          values.remove(i);
          return;
        }
      }
      throw new IllegalArgumentException(value + " not in " + pointer);
    };
  }

  /** Renames the property {@code from} of the object schema at {@code pointer} to {@code to}. */
  public static Consumer<ObjectNode> renameProperty(String pointer, String from, String to) {
    return root -> {
      ObjectNode properties = (ObjectNode) node(root, pointer + "/properties");
      JsonNode value = properties.remove(from);
      if (value == null) {
        throw new IllegalArgumentException(from + " not in " + pointer);
      }
      properties.set(to, value);
    };
  }

  /** Removes the member {@code name} of the object at {@code pointer}. */
  public static Consumer<ObjectNode> remove(String pointer, String name) {
    return root -> {
      if (((ObjectNode) node(root, pointer)).remove(name) == null) {
        throw new IllegalArgumentException(name + " not in " + pointer);
      }
    };
  }

  /** Sets the member {@code name} of the object at {@code pointer} to {@code value}. */
  public static Consumer<ObjectNode> set(String pointer, String name, JsonNode value) {
    return root -> ((ObjectNode) node(root, pointer)).set(name, value);
  }

  /** Sets the member {@code name} of the object at {@code pointer} to the text {@code value}. */
  public static Consumer<ObjectNode> setText(String pointer, String name, String value) {
    return set(pointer, name, TextNode.valueOf(value));
  }

  private static JsonNode node(ObjectNode root, String pointer) {
    JsonNode node = root.at(JsonPointer.compile(pointer));
    if (node.isMissingNode()) {
      throw new IllegalArgumentException("no node at " + pointer);
    }
    return node;
  }
}
