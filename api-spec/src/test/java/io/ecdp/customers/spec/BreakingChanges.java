package io.ecdp.customers.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.model.ChangedOperation;
import org.openapitools.openapidiff.core.model.Endpoint;
import org.openapitools.openapidiff.core.output.MarkdownRender;

/**
 * Compares the working spec with the last released one (the baseline) using openapi-diff, and tells
 * which incompatible changes were not accepted by a reviewer.
 */
public final class BreakingChanges {

  /** The key under which changes that no single endpoint carries are listed and accepted. */
  public static final String WHOLE_SPEC = "*";

  private BreakingChanges() {}

  /**
   * The outcome of one comparison.
   *
   * @param incompatible each incompatible change, keyed by endpoint ({@code GET
   *     /customers/id/{id}})
   * @param accepted the accepted changes, endpoint to the reviewer's reason
   * @param markdown a readable report of every change, for the reviewer
   */
  public record Report(
      Map<String, String> incompatible, Map<String, String> accepted, String markdown) {

    /** Returns the incompatible changes that no entry of the accepted list covers. */
    public List<String> unaccepted() {
      List<String> out = new ArrayList<>();
      incompatible.forEach(
          (endpoint, what) -> {
            if (!accepted.containsKey(endpoint)) {
              out.add(endpoint + ": " + what);
            }
          });
      return out;
    }
  }

  /**
   * Compares {@code working} with {@code baseline}, applying the accepted list at {@code accepted}.
   */
  public static Report compare(Path baseline, Path working, Path accepted) {
    ChangedOpenApi diff =
        OpenApiCompare.fromLocations(baseline.toUri().toString(), working.toUri().toString());
    Map<String, String> incompatible = new LinkedHashMap<>();
    for (Endpoint e : diff.getMissingEndpoints()) {
      incompatible.put(key(e.getMethod().name(), e.getPathUrl()), "operation removed");
    }
    for (ChangedOperation op : diff.getChangedOperations()) {
      if (op.isIncompatible()) {
        incompatible.put(key(op.getHttpMethod().name(), op.getPathUrl()), describe(op));
      }
    }
    incompatible.putAll(
        tightenedConstraints(SpecDocument.read(baseline), SpecDocument.read(working)));
    if (diff.isIncompatible() && incompatible.isEmpty()) {
      incompatible.put(WHOLE_SPEC, "an incompatible change outside any single operation");
    }
    Map<String, String> acceptedChanges = readAccepted(accepted);
    return new Report(incompatible, acceptedChanges, markdown(diff, incompatible, acceptedChanges));
  }

  /**
   * Finds constraints that a schema tightened, which openapi-diff does not report: a larger
   * minLength/minItems/minimum, a smaller maxLength/maxItems/maximum, a new or changed pattern, a
   * newly required property. Keyed {@code schema NAME.PROPERTY} for the components' schemas, {@code
   * parameter NAME} for the schema of a component parameter, and {@code METHOD /path parameter
   * NAME} (or {@code /path parameter NAME} at path level) for an inline one; a schema that is a
   * {@code $ref} is reported once, under the schema it names.
   */
  static Map<String, String> tightenedConstraints(SpecDocument before, SpecDocument after) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode old = before.root().path("components").path("schemas");
    after
        .root()
        .path("components")
        .path("schemas")
        .properties()
        .forEach(s -> compare("schema " + s.getKey(), old.path(s.getKey()), s.getValue(), out));
    JsonNode oldParameters = before.root().path("components").path("parameters");
    after
        .root()
        .path("components")
        .path("parameters")
        .properties()
        .forEach(
            p ->
                compare(
                    "parameter " + p.getKey(),
                    oldParameters.path(p.getKey()).path("schema"),
                    p.getValue().path("schema"),
                    out));
    after
        .root()
        .path("paths")
        .properties()
        .forEach(
            item -> {
              JsonNode oldItem = before.root().path("paths").path(item.getKey());
              compareInline(item.getKey(), oldItem, item.getValue(), out);
              for (String method : SpecDocument.METHODS) {
                if (item.getValue().has(method)) {
                  compareInline(
                      key(method, item.getKey()),
                      oldItem.path(method),
                      item.getValue().get(method),
                      out);
                }
              }
            });
    return out;
  }

  /** Compares the schemas of the inline (not {@code $ref}) parameters of a path or operation. */
  private static void compareInline(
      String where, JsonNode was, JsonNode is, Map<String, String> out) {
    for (JsonNode parameter : is.path("parameters")) {
      if (parameter.has("$ref")) {
        continue; // a component parameter, compared as such
      }
      String name = parameter.path("name").asText();
      for (JsonNode old : was.path("parameters")) {
        if (!old.has("$ref")
            && old.path("name").asText().equals(name)
            && old.path("in").asText().equals(parameter.path("in").asText())) {
          compare(where + " parameter " + name, old.path("schema"), parameter.path("schema"), out);
        }
      }
    }
  }

  private static void compare(String where, JsonNode was, JsonNode is, Map<String, String> out) {
    if (was.isMissingNode()) {
      return; // a new schema tightens nothing
    }
    for (String key : new String[] {"minLength", "minItems", "minimum"}) {
      if (is.has(key)
          && is.get(key).asDouble() > was.path(key).asDouble(Double.NEGATIVE_INFINITY)) {
        add(out, where, key + " " + was.path(key).asText("none") + " -> " + is.get(key).asText());
      }
    }
    for (String key : new String[] {"maxLength", "maxItems", "maximum"}) {
      if (is.has(key)
          && is.get(key).asDouble() < was.path(key).asDouble(Double.POSITIVE_INFINITY)) {
        add(out, where, key + " " + was.path(key).asText("none") + " -> " + is.get(key).asText());
      }
    }
    if (is.has("pattern") && !is.get("pattern").equals(was.get("pattern"))) {
      add(
          out,
          where,
          "pattern " + was.path("pattern").asText("none") + " -> " + is.get("pattern").asText());
    }
    java.util.Set<String> required = new java.util.TreeSet<>();
    is.path("required").forEach(r -> required.add(r.asText()));
    was.path("required").forEach(r -> required.remove(r.asText()));
    if (!required.isEmpty()) {
      add(out, where, "newly required " + required);
    }
    is.path("properties")
        .properties()
        .forEach(
            p ->
                compare(
                    where + "." + p.getKey(),
                    was.path("properties").path(p.getKey()),
                    p.getValue(),
                    out));
    if (is.has("items")) {
      compare(where + "[]", was.path("items"), is.get("items"), out);
    }
  }

  /** Records one tightening; several of one element are listed together. */
  private static void add(Map<String, String> out, String where, String what) {
    out.merge(where, what, (a, b) -> a + "; " + b);
  }

  private static String key(String method, String path) {
    return method.toUpperCase(Locale.ROOT) + " " + path;
  }

  private static String describe(ChangedOperation op) {
    List<String> parts = new ArrayList<>();
    if (op.getParameters() != null && op.getParameters().isIncompatible()) {
      parts.add("parameters");
    }
    if (op.getRequestBody() != null && op.getRequestBody().isIncompatible()) {
      parts.add("request body");
    }
    if (op.getApiResponses() != null && op.getApiResponses().isIncompatible()) {
      parts.add("responses");
    }
    if (op.getSecurityRequirements() != null && op.getSecurityRequirements().isIncompatible()) {
      parts.add("security");
    }
    return "incompatible change to "
        + (parts.isEmpty() ? "the operation" : String.join(", ", parts));
  }

  /**
   * Reads the accepted list: each entry names an {@code endpoint}, or several as {@code endpoints},
   * and gives the {@code reason} they share.
   */
  private static Map<String, String> readAccepted(Path file) {
    Map<String, String> accepted = new LinkedHashMap<>();
    JsonNode root = SpecDocument.read(file).root();
    for (JsonNode entry : root.path("accepted")) {
      List<String> endpoints = new ArrayList<>();
      if (entry.has("endpoint")) {
        endpoints.add(entry.path("endpoint").asText(""));
      }
      entry.path("endpoints").forEach(e -> endpoints.add(e.asText("")));
      String reason = entry.path("reason").asText("");
      if (endpoints.isEmpty() || endpoints.stream().anyMatch(String::isBlank) || reason.isBlank()) {
        throw new IllegalArgumentException(
            file + ": every accepted change needs an endpoint and a reason: " + entry);
      }
      endpoints.forEach(e -> accepted.put(e, reason));
    }
    return accepted;
  }

  private static String markdown(
      ChangedOpenApi diff, Map<String, String> incompatible, Map<String, String> accepted) {
    StringBuilder md = new StringBuilder("# Customers API: changes against the baseline\n\n");
    if (incompatible.isEmpty()) {
      md.append(diff.isUnchanged() ? "No changes.\n" : "Compatible changes only.\n");
    } else {
      md.append("| endpoint | incompatible change | accepted because |\n|---|---|---|\n");
      incompatible.forEach(
          (endpoint, what) ->
              md.append("| `")
                  .append(endpoint)
                  .append("` | ")
                  .append(what)
                  .append(" | ")
                  .append(accepted.getOrDefault(endpoint, "**not accepted: fails the build**"))
                  .append(" |\n"));
    }
    md.append("\n## Every change (openapi-diff)\n\n");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStreamWriter writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
      new MarkdownRender().render(diff, writer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String detail = bytes.toString(StandardCharsets.UTF_8);
    md.append(detail.isBlank() ? "_No changes._\n" : detail);
    return md.toString();
  }
}
