package io.ecdp.customers.spring;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The configuration metadata in the built jar: one documented entry for every property of {@link
 * EcdpCustomersProperties}, and the README's properties table made from it.
 */
class ConfigurationMetadataIT {

  private static final String METADATA = "META-INF/spring-configuration-metadata.json";
  private static final String BEGIN = "<!-- ecdp-spring-properties:begin -->\n";
  private static final String END = "<!-- ecdp-spring-properties:end -->";

  @Test
  void theJarShipsTheMetadata_withADescriptionForEveryProperty() throws IOException {
    URL url = getClass().getClassLoader().getResource(METADATA);
    assertThat(url).as(METADATA).isNotNull();
    assertThat(url.getProtocol()).as("read from the built jar: " + url).isEqualTo("jar");
    Map<String, JsonObject> properties = properties();
    TreeSet<String> expected = new TreeSet<>();
    names(EcdpCustomersProperties.class, EcdpCustomersProperties.PREFIX, expected);
    assertThat(properties.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    properties.forEach(
        (name, p) ->
            assertThat(p.getString("description", ""))
                .as(name + " description")
                .isNotBlank()
                .doesNotContain("{@"));
    assertThat(properties.get("ecdp.customers.connect-timeout").getString("defaultValue"))
        .isEqualTo("10s");
    assertThat(properties.get("ecdp.customers.max-connections").getInt("defaultValue"))
        .isEqualTo(64);
  }

  @Test
  void theReadmesPropertiesTable_isTheOneTheMetadataMakes() throws IOException {
    String table = table(properties());
    Path out = Path.of("target", "spring-boot-properties.md");
    Files.writeString(out, table, StandardCharsets.UTF_8);
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    assertThat(readme).contains(BEGIN).contains(END);
    assertThat(readme.substring(readme.indexOf(BEGIN) + BEGIN.length(), readme.indexOf(END)))
        .as("spring-boot-starter/README.md's table (regenerated in " + out + ")")
        .isEqualTo(table);
    // The root README carries the same table once its Spring Boot section is in place.
    Path root = Path.of("..", "README.md");
    String rootReadme = Files.readString(root, StandardCharsets.UTF_8);
    if (rootReadme.contains(BEGIN)) {
      assertThat(
              rootReadme.substring(
                  rootReadme.indexOf(BEGIN) + BEGIN.length(), rootReadme.indexOf(END)))
          .as("the root README's Spring Boot properties table")
          .isEqualTo(table);
    }
  }

  private static void names(Class<?> type, String prefix, java.util.Set<String> into) {
    for (RecordComponent c : type.getRecordComponents()) {
      String name = prefix + "." + kebab(c.getName());
      if (c.getType().isRecord()) {
        names(c.getType(), name, into);
      } else {
        into.add(name);
      }
    }
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }

  static String table(Map<String, JsonObject> properties) {
    StringBuilder t = new StringBuilder();
    t.append("| property | default | what it sets |\n");
    t.append("|---|---|---|\n");
    properties.forEach(
        (name, p) -> {
          JsonValue d = p.get("defaultValue");
          String def =
              d == null
                  ? "none"
                  : d.getValueType() == JsonValue.ValueType.STRING
                      ? p.getString("defaultValue")
                      : d.toString();
          t.append("| `")
              .append(name)
              .append("` | ")
              .append(def.equals("none") ? "none" : "`" + def + "`")
              .append(" | ")
              .append(p.getString("description").replace("|", "\\|"))
              .append(" |\n");
        });
    return t.toString();
  }

  static Map<String, JsonObject> properties() throws IOException {
    Map<String, JsonObject> byName = new LinkedHashMap<>();
    try (InputStream in =
            ConfigurationMetadataIT.class.getClassLoader().getResourceAsStream(METADATA);
        JsonReader reader = Json.createReader(in)) {
      reader.readObject().getJsonArray("properties").stream()
          .map(JsonValue::asJsonObject)
          .sorted(java.util.Comparator.comparing((JsonObject p) -> order(p.getString("name"))))
          .forEach(p -> byName.put(p.getString("name"), p));
    }
    return byName;
  }

  /** The record's order, which is the README's. */
  private static int order(String name) {
    java.util.List<String> ordered = new java.util.ArrayList<>();
    collect(EcdpCustomersProperties.class, EcdpCustomersProperties.PREFIX, ordered);
    int i = ordered.indexOf(name);
    return i < 0 ? Integer.MAX_VALUE : i;
  }

  private static void collect(Class<?> type, String prefix, java.util.List<String> into) {
    for (RecordComponent c : type.getRecordComponents()) {
      String name = prefix + "." + kebab(c.getName());
      if (c.getType().isRecord()) {
        collect(c.getType(), name, into);
      } else {
        into.add(name);
      }
    }
  }
}
