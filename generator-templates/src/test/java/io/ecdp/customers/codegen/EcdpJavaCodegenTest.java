package io.ecdp.customers.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openapitools.codegen.ClientOptInput;
import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;

/** What the generator decides, tested on small specs of its own. */
class EcdpJavaCodegenTest {

  @TempDir Path out;

  @Test
  void javadoc_keepsQuotesAndBackticks_butEscapesWhatAJavadocCommentCannotHold() {
    assertThat(EcdpJavaCodegen.javadoc("The customer's `id` <b> & @see */ end\n  next"))
        .isEqualTo("The customer's `id` &lt;b&gt; &amp; &#64;see &#42;/ end next");
  }

  @Test
  void javaString_escapesQuotesBackslashesAndControls() {
    assertThat(EcdpJavaCodegen.javaString("a \"b\" \\ \n\t\u0001"))
        .isEqualTo("a \\\"b\\\" \\\\ \\n\\t\\u0001");
  }

  @Test
  void imports_unusedDuplicatedOrOfTheOwnPackage_areDropped_andTheRestSorted() {
    String source =
        """
        package a.b;

        import java.util.Map;
        import java.util.List;
        import a.b.Same;
        import java.util.List;
        import java.time.OffsetDateTime;

        /** Uses {@link OffsetDateTime} in Javadoc only. */
        class X { List<Same> items; }
        """;
    assertThat(EcdpJavaCodegen.withoutUnusedImports(source))
        .isEqualTo(
            """
            package a.b;

            import java.time.OffsetDateTime;
            import java.util.List;

            /** Uses {@link OffsetDateTime} in Javadoc only. */
            class X { List<Same> items; }
            """);
  }

  @Test
  void envelopes_goToTheInternalPackage_modelsToTheExportedOne() throws Exception {
    List<String> files = generate(spec("type: string"));
    assertThat(files)
        .contains(
            "a/model/Thing.java",
            "a/internal/model/ThingJson.java",
            "a/internal/model/Envelope.java",
            "a/internal/model/EnvelopeJson.java",
            "a/internal/api/ThingsApi.java")
        .doesNotContain("a/model/Envelope.java");
    String thing = Files.readString(out.resolve("src/main/java/a/model/Thing.java"));
    assertThat(thing)
        .contains("@Generated(\"io.ecdp.customers.codegen.EcdpJavaCodegen\")")
        .contains("public @Nullable String name()")
        .doesNotContain("getName()", "date =", "&#39;", "import java.math.BigDecimal;");
    String json = Files.readString(out.resolve("src/main/java/a/internal/model/ThingJson.java"));
    assertThat(json).contains("JsonFields.string(parser, parser.next(), \"Thing.name\")");
  }

  @Test
  void eachObjectSchema_getsADescriptionOfItsFields_inTheInternalPackage_anEnumNone()
      throws Exception {
    List<String> files =
        generate(
            spec(
                """
                type: string
                        dateOfBirth: {type: string, format: date-time}
                        kind: {$ref: '#/components/schemas/Kind'}
                        tags: {type: array, items: {type: string}}
                    Kind:
                      type: string
                      enum: [Big, Small]"""));
    String envelope =
        Files.readString(out.resolve("src/main/java/a/internal/model/EnvelopeFields.java"));
    assertThat(envelope)
        .as("no list field: an empty list")
        .contains("public static final List<ListField<?>> LISTS = List.of();\n");
    assertThat(files)
        .contains("a/internal/model/ThingFields.java", "a/internal/model/EnvelopeFields.java")
        .doesNotContain("a/model/ThingFields.java", "a/internal/model/KindFields.java");
    String fields =
        Files.readString(out.resolve("src/main/java/a/internal/model/ThingFields.java"));
    assertThat(fields)
        .startsWith("package a.internal.model;\n")
        .contains("@Generated(\"io.ecdp.customers.codegen.EcdpJavaCodegen\")")
        .contains("public final class ThingFields {")
        .contains(
            "import a.model.Kind;", "import a.model.Thing;", "import java.time.OffsetDateTime;")
        .contains(
            "public static final Field<String> NAME =\n"
                + "      new Field<>(\"name\", String.class, Thing.Builder::name);")
        .contains(
            "public static final Field<OffsetDateTime> DATE_OF_BIRTH =\n"
                + "      new Field<>(\"dateOfBirth\", OffsetDateTime.class,"
                + " Thing.Builder::dateOfBirth);")
        .contains("public static final Field<Kind> KIND =")
        .contains(
            "public static final ListField<String> TAGS =\n"
                + "      new ListField<>(\"tags\", String.class, Thing.Builder::tags);")
        .contains(
            "SINGLE =\n      List.of(\n          NAME,\n          DATE_OF_BIRTH,\n          KIND);\n")
        .contains("LISTS =\n      List.of(\n          TAGS);\n")
        .contains(
            """
            NAMES =
                  List.of(
                      "name",
                      "dateOfBirth",
                      "kind",
                      "tags");
            """)
        .doesNotContain("date =", "java.lang.reflect", "MethodHandle");
  }

  @Test
  void constantNames_separateTheWordsOfAFieldName() {
    assertThat(EcdpJavaCodegen.constant("dateOfBirth")).isEqualTo("DATE_OF_BIRTH");
    assertThat(EcdpJavaCodegen.constant("crmId")).isEqualTo("CRM_ID");
    assertThat(EcdpJavaCodegen.constant("email")).isEqualTo("EMAIL");
  }

  @Test
  void aFieldTypeWithoutAReader_stopsTheGeneration_namingSchemaAndField() {
    assertThatThrownBy(() -> generate(spec("type: object\n          additionalProperties: true")))
        .hasStackTraceContaining("schema Thing, field name")
        .hasStackTraceContaining("no JSON reader");
  }

  private List<String> generate(String spec) throws Exception {
    Path file = out.resolve("spec.yaml");
    Files.writeString(file, spec);
    OpenAPI api = new OpenAPIParser().readLocation(file.toString(), null, null).getOpenAPI();
    assertThat(api).isNotNull();
    CodegenConfigurator config =
        new CodegenConfigurator()
            .setGeneratorName("ecdp-java")
            .setInputSpec(file.toString())
            .setOutputDir(out.toString())
            .setModelPackage("a.model")
            .setApiPackage("a.internal.api")
            .setInvokerPackage("a")
            .addAdditionalProperty("internalPackage", "a.internal.model")
            .addAdditionalProperty("sourceFolder", "src/main/java");
    ClientOptInput input = config.toClientOptInput();
    DefaultGenerator generator = new DefaultGenerator();
    generator.setGeneratorPropertyDefault("modelTests", "false");
    generator.setGeneratorPropertyDefault("apiTests", "false");
    generator.setGeneratorPropertyDefault("modelDocs", "false");
    generator.setGeneratorPropertyDefault("apiDocs", "false");
    generator.opts(input).generate();
    Path root = out.resolve("src/main/java");
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .map(f -> root.relativize(f).toString().replace(File.separatorChar, '/'))
          .toList();
    }
  }

  private static String spec(String nameType) {
    return String.join(
        "\n",
        "openapi: 3.0.3",
        "info: {title: t, version: '1'}",
        "paths:",
        "  /things:",
        "    get:",
        "      operationId: getThing",
        "      tags: [Things]",
        "      summary: Get the customer's thing",
        "      responses:",
        "        '200':",
        "          description: ok",
        "          content:",
        "            application/json:",
        "              schema: {$ref: '#/components/schemas/Envelope'}",
        "components:",
        "  schemas:",
        "    Envelope:",
        "      type: object",
        "      properties:",
        "        data: {$ref: '#/components/schemas/Thing'}",
        "    Thing:",
        "      type: object",
        "      properties:",
        "        name:",
        "          " + nameType,
        "");
  }
}
