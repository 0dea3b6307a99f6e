package io.ecdp.customers.codegen;

import com.google.common.collect.ImmutableMap;
import com.samskivert.mustache.Mustache;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openapitools.codegen.CliOption;
import org.openapitools.codegen.CodegenModel;
import org.openapitools.codegen.CodegenOperation;
import org.openapitools.codegen.CodegenProperty;
import org.openapitools.codegen.CodegenType;
import org.openapitools.codegen.languages.AbstractJavaCodegen;
import org.openapitools.codegen.model.ModelMap;
import org.openapitools.codegen.model.ModelsMap;
import org.openapitools.codegen.model.OperationsMap;

/**
 * The OpenAPI Generator of the ECDP Customers client: immutable models with builders and
 * record-style accessors, their JSON-B (de)serializers and validation in an internal package, and
 * one Jersey request builder per operation.
 *
 * <p>What it decides, so that the templates only lay code out:
 *
 * <ul>
 *   <li><b>Which models are public.</b> A schema that an operation uses directly as its request or
 *       response body is an envelope: it goes to the internal package ({@code internalPackage}),
 *       with the problem document. Every other schema is a model users build or read, in {@code
 *       modelPackage}. Each model's (de)serializer and validation go to the internal package.
 *   <li><b>How each field is read and written.</b> Every field gets the name of the {@code
 *       JsonFields} reader of its type ({@code x-ecdp-reader}); a type without a reader stops the
 *       generation with the schema and field named, instead of generating a field nobody reads.
 *   <li><b>A description of each object's fields</b> ({@code modelFields.mustache}, in the internal
 *       package): name, Java type and the builder's setter of each field, for code that fills a
 *       builder field by field without reflection (the CLI's import). An enum schema gets none: the
 *       template renders nothing, and the empty file is dropped.
 *   <li><b>Clean output.</b> Javadoc comes from the spec's text unescaped for HTML but safe for a
 *       comment ({@code javadoc} lambda); imports a file does not use are dropped; the {@code
 *       Generated} annotation names this class and carries no date.
 * </ul>
 */
public class EcdpJavaCodegen extends AbstractJavaCodegen {

  /** The option that names the package of envelopes and (de)serializers. */
  public static final String INTERNAL_PACKAGE = "internalPackage";

  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?([\\w.]+)\\.(\\w+);\\R", Pattern.MULTILINE);

  private final Set<String> envelopes = new TreeSet<>();
  private String internalPackage;

  /** Creates the generator with its templates, packaged under {@code ecdp-java/}. */
  public EcdpJavaCodegen() {
    embeddedTemplateDir = templateDir = "ecdp-java";
    modelTemplateFiles.clear();
    modelTemplateFiles.put("model.mustache", ".java");
    modelTemplateFiles.put("modelJson.mustache", "Json.java");
    modelTemplateFiles.put("modelFields.mustache", "Fields.java");
    apiTemplateFiles.clear();
    apiTemplateFiles.put("api.mustache", ".java");
    modelTestTemplateFiles.clear();
    apiTestTemplateFiles.clear();
    modelDocTemplateFiles.clear();
    apiDocTemplateFiles.clear();
    cliOptions.add(
        new CliOption(
            INTERNAL_PACKAGE, "the package of envelopes and (de)serializers, not exported"));
  }

  @Override
  public String getName() {
    return "ecdp-java";
  }

  @Override
  public CodegenType getTag() {
    return CodegenType.CLIENT;
  }

  @Override
  public String getHelp() {
    return "Generates the models and request builders of the ECDP Customers Java client.";
  }

  @Override
  public void processOpts() {
    super.processOpts();
    supportingFiles.clear();
    setEnablePostProcessFile(true);
    Object internal = additionalProperties.get(INTERNAL_PACKAGE);
    internalPackage = internal != null ? internal.toString() : modelPackage + ".internal";
    additionalProperties.put(INTERNAL_PACKAGE, internalPackage);
    additionalProperties.put("generatorClass", getClass().getName());
  }

  /** Finds the envelopes: the schemas an operation names directly as a request or response. */
  @Override
  public void preprocessOpenAPI(OpenAPI openAPI) {
    super.preprocessOpenAPI(openAPI);
    if (openAPI.getPaths() == null) {
      return;
    }
    for (PathItem path : openAPI.getPaths().values()) {
      for (Operation operation : path.readOperations()) {
        if (operation.getRequestBody() != null) {
          collect(operation.getRequestBody().getContent());
        }
        if (operation.getResponses() != null) {
          for (ApiResponse response : operation.getResponses().values()) {
            collect(response.getContent());
          }
        }
      }
    }
  }

  private void collect(Content content) {
    if (content == null) {
      return;
    }
    for (MediaType media : content.values()) {
      if (media.getSchema() != null && media.getSchema().get$ref() != null) {
        String ref = media.getSchema().get$ref();
        envelopes.add(ref.substring(ref.lastIndexOf('/') + 1));
      }
    }
  }

  /** Returns whether a model (by its schema name or class name) is an envelope. */
  boolean isEnvelope(String name) {
    return envelopes.contains(name)
        || envelopes.stream().anyMatch(e -> toModelName(e).equals(name));
  }

  @Override
  public String modelFilename(String templateName, String modelName) {
    String suffix = modelTemplateFiles().get(templateName);
    boolean internal =
        templateName.equals("modelJson.mustache")
            || templateName.equals("modelFields.mustache")
            || isEnvelope(modelName);
    String pkg = internal ? internalPackage : modelPackage;
    return outputFolder
        + File.separator
        + sourceFolder
        + File.separator
        + pkg.replace('.', File.separatorChar)
        + File.separator
        + toModelFilename(modelName)
        + suffix;
  }

  @Override
  public String toModelImport(String name) {
    if (isEnvelope(name)) {
      return internalPackage + "." + name;
    }
    return super.toModelImport(name);
  }

  @Override
  public Map<String, ModelsMap> postProcessAllModels(Map<String, ModelsMap> models) {
    Map<String, ModelsMap> all = super.postProcessAllModels(models);
    for (ModelsMap map : all.values()) {
      for (ModelMap entry : map.getModels()) {
        CodegenModel model = entry.getModel();
        boolean envelope = isEnvelope(model.name) || isEnvelope(model.classname);
        map.put("package", envelope ? internalPackage : modelPackage);
        map.put("ecdpPublic", !envelope);
        // The model's own imports, by full name (within a model, "imports" is its simple names).
        map.put(
            "ecdpImports",
            map.getImports().stream().map(i -> i.get("import")).collect(Collectors.toList()));
        List<CodegenProperty> single = new ArrayList<>();
        List<CodegenProperty> lists = new ArrayList<>();
        for (CodegenProperty field : model.vars) {
          decide(model, field);
          field.vendorExtensions.put("x-ecdp-constant", constant(field.name));
          (field.isArray ? lists : single).add(field);
        }
        model.vendorExtensions.put("x-ecdp-single-fields", single);
        model.vendorExtensions.put("x-ecdp-list-fields", lists);
      }
    }
    return all;
  }

  /** The name of a field's constant: {@code dateOfBirth} is {@code DATE_OF_BIRTH}. */
  static String constant(String field) {
    return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  /** Decides how one field is read and written; fails for a type no reader handles. */
  private static void decide(CodegenModel model, CodegenProperty field) {
    if (field.isMap) {
      throw unsupported(model, field, "a map");
    }
    if (field.isArray) {
      CodegenProperty item = field.items;
      if (item.isArray || item.isMap) {
        throw unsupported(model, field, "an array of arrays or maps");
      }
      if (!item.isModel && !item.isEnumRef) {
        field.vendorExtensions.put("x-ecdp-item-reader", reader(model, field, item));
      }
      return;
    }
    if (!field.isModel && !field.isEnumRef) {
      field.vendorExtensions.put("x-ecdp-reader", reader(model, field, field));
    }
  }

  private static String reader(CodegenModel model, CodegenProperty field, CodegenProperty type) {
    return switch (type.dataType) {
      case "String" -> "string";
      case "Integer" -> "integer";
      case "BigDecimal" -> "decimal";
      case "Boolean" -> "bool";
      case "OffsetDateTime" -> "dateTime";
      default -> throw unsupported(model, field, type.dataType);
    };
  }

  private static IllegalStateException unsupported(
      CodegenModel model, CodegenProperty field, String type) {
    return new IllegalStateException(
        "schema "
            + model.name
            + ", field "
            + field.baseName
            + ": the ecdp-java generator has no JSON reader for "
            + type
            + "; add one to JsonFields and to EcdpJavaCodegen");
  }

  /** Names {@code Void} as the body type of an operation that documents no success body. */
  @Override
  public OperationsMap postProcessOperationsWithModels(
      OperationsMap operations, List<ModelMap> models) {
    OperationsMap result = super.postProcessOperationsWithModels(operations, models);
    for (CodegenOperation operation : result.getOperations().getOperation()) {
      if (operation.returnBaseType == null) {
        operation.returnBaseType = "Void";
      }
    }
    return result;
  }

  @Override
  protected ImmutableMap.Builder<String, Mustache.Lambda> addMustacheLambdas() {
    return super.addMustacheLambdas()
        .put("javadoc", (fragment, out) -> out.write(javadoc(fragment.execute())))
        .put("javaString", (fragment, out) -> out.write(javaString(fragment.execute())));
  }

  /**
   * Makes the spec's text safe inside a Javadoc comment: no HTML entities for quotes and backticks,
   * but {@code <}, {@code >} and {@code &} escaped, no comment end, no block tag, and each line
   * break a space.
   */
  static String javadoc(String text) {
    StringBuilder out = new StringBuilder(text.length());
    String flat = text.strip().replaceAll("\\s*\\R\\s*", " ");
    for (int i = 0; i < flat.length(); i++) {
      char c = flat.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '@' -> out.append("&#64;");
        case '*' -> out.append(i + 1 < flat.length() && flat.charAt(i + 1) == '/' ? "&#42;" : "*");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Escapes text for the inside of a Java string literal. */
  static String javaString(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /**
   * Drops the imports a generated Java file does not use, and the file a template rendered empty
   * (an enum schema's {@code Fields}: it has no fields).
   */
  @Override
  public void postProcessFile(File file, String fileType) {
    if (file == null || !file.getName().endsWith(".java")) {
      return;
    }
    try {
      String source = Files.readString(file.toPath(), StandardCharsets.UTF_8);
      if (source.isBlank()) {
        Files.delete(file.toPath());
        return;
      }
      String cleaned = withoutUnusedImports(source);
      if (!cleaned.equals(source)) {
        Files.writeString(file.toPath(), cleaned, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns the source with its imports cleaned: duplicates, imports of the file's own package, and
   * imports whose simple name the code (Javadoc included) never mentions are dropped.
   */
  static String withoutUnusedImports(String source) {
    Matcher pkg = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE).matcher(source);
    String own = pkg.find() ? pkg.group(1) : "";
    // Javadoc references count as uses: a {@link} needs its import.
    String body = IMPORT.matcher(source).replaceAll("");
    Set<String> kept = new TreeSet<>(); // sorted, as google-java-format orders them
    Matcher imports = IMPORT.matcher(source);
    int first = -1;
    while (imports.find()) {
      first = first < 0 ? imports.start() : first;
      String simple = imports.group(2);
      boolean used = Pattern.compile("\\b" + Pattern.quote(simple) + "\\b").matcher(body).find();
      if (used && !imports.group(1).equals(own)) {
        kept.add(imports.group().strip());
      }
    }
    if (first < 0) {
      return source;
    }
    StringBuilder block = new StringBuilder();
    kept.forEach(line -> block.append(line).append('\n'));
    return body.substring(0, first) + block + body.substring(first);
  }
}
