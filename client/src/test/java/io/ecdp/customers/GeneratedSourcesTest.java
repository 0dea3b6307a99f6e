package io.ecdp.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Locks what the generator produces through our templates: the golden copies of one model, one enum
 * and the API (update them with {@code -Decdp.golden.update=true} when a template change is
 * intended), and what must never appear in generated code.
 */
class GeneratedSourcesTest {

  private static final Path GENERATED = Path.of(System.getProperty("ecdp.generated.dir"));
  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  private static List<Path> generatedFiles() throws IOException {
    try (Stream<Path> files = Files.walk(GENERATED)) {
      return files.filter(f -> f.toString().endsWith(".java")).toList();
    }
  }

  @Test
  void generatedCode_usesNeitherJacksonNorGson_norMicroProfile_norTimestamps() throws IOException {
    List<Path> files = generatedFiles();
    // 12 schemas, each with its Json companion; the 8 object schemas' Fields; and the api
    assertThat(files).hasSize(33);
    for (Path f : files) {
      String code = Files.readString(f);
      assertThat(code)
          .as(f.toString())
          .doesNotContain("com.fasterxml.jackson", "com.google.gson", "org.eclipse.microprofile")
          .doesNotContain("date = ", "&#", "&quot;")
          .contains("@Generated(\"io.ecdp.customers.codegen.EcdpJavaCodegen\")");
      assertThat(
              code.lines().filter(l -> l.matches("\\s*\\* @(param \\w+|return|throws \\S+)\\s*")))
          .as("%s: Javadoc tags without a description", f.getFileName())
          .isEmpty();
      String body = code.replaceAll("(?m)^import .*$", "");
      for (String imported : code.lines().filter(l -> l.startsWith("import ")).toList()) {
        String simple = imported.replaceAll(".*\\.(\\w+);$", "$1");
        assertThat(body)
            .as("%s uses %s", f.getFileName(), imported)
            .containsPattern("\\b" + simple + "\\b");
      }
    }
  }

  @Test
  void envelopesAndSerializers_areGeneratedIntoTheInternalPackage_modelsIntoTheExportedOne()
      throws IOException {
    List<String> exported;
    try (Stream<Path> files = Files.list(GENERATED.resolve("io/ecdp/customers/model"))) {
      exported = files.map(f -> f.getFileName().toString()).sorted().toList();
    }
    assertThat(exported)
        .containsExactly(
            "Consent.java",
            "ConsentValue.java",
            "ConsentsData.java",
            "CustomAttribute.java",
            "CustomerDetails.java",
            "CustomerRecord.java",
            "Gender.java",
            "MatchBy.java",
            "UpsertMode.java");
    assertThat(GENERATED.resolve("io/ecdp/customers/internal/model/UpsertCustomersRequest.java"))
        .exists();
    assertThat(GENERATED.resolve("io/ecdp/customers/internal/model/CustomerResponse.java"))
        .exists();
    assertThat(GENERATED.resolve("io/ecdp/customers/internal/model/Problem.java")).exists();
    assertThat(GENERATED.resolve("io/ecdp/customers/internal/model/CustomerRecordJson.java"))
        .exists();
    assertThat(GENERATED.resolve("io/ecdp/customers/internal/model/CustomerRecordFields.java"))
        .exists();
    assertThat(GENERATED.resolve("io/ecdp/customers/internal/model/GenderFields.java"))
        .as("an enum has no fields")
        .doesNotExist();
  }

  @Test
  void generator_writesNoStubTests_andNoSupportingFiles() {
    Path root = GENERATED.getParent().getParent();
    assertThat(root.resolve("src/test")).doesNotExist();
    assertThat(root.resolve("pom.xml")).doesNotExist();
    assertThat(GENERATED.resolve("io/ecdp/customers/internal/api/ApiException.java"))
        .doesNotExist();
  }

  @Test
  void theClassPath_holdsNeitherJacksonNorGson() {
    assertThatThrownBy(() -> Class.forName("com.fasterxml.jackson.databind.ObjectMapper"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("com.google.gson.Gson"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "io/ecdp/customers/model/Consent.java",
        "io/ecdp/customers/model/ConsentValue.java",
        "io/ecdp/customers/internal/model/ConsentJson.java",
        "io/ecdp/customers/internal/model/ConsentValueJson.java",
        "io/ecdp/customers/internal/model/CustomerRecordFields.java",
        "io/ecdp/customers/internal/api/CustomersApi.java"
      })
  void generatedSource_matchesItsGoldenCopy(String file) throws IOException {
    String actual = Files.readString(GENERATED.resolve(file), StandardCharsets.UTF_8);
    Path golden = GOLDEN.resolve(Path.of(file).getFileName() + ".txt");
    if (Boolean.getBoolean("ecdp.golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).as("%s against %s", file, golden).isEqualTo(Files.readString(golden));
  }
}
