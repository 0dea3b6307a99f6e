package io.ecdp.customers.verify.internal;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ecdp.customers.verify.Finding;
import io.ecdp.customers.verify.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks every live exchange against {@code openapi.yaml} with the validator the offline checks use
 * (swagger-request-validator), and gives each finding a severity: breaking when the client cannot
 * rely on the answer, a warning when it only says more than the spec.
 */
public final class SpecCheck {

  /** Headers any HTTP server may send that no API spec documents. */
  private static final Set<String> TRANSPORT_HEADERS =
      Set.of(
          "date",
          "content-type",
          "content-length",
          "content-encoding",
          "transfer-encoding",
          "connection",
          "keep-alive",
          "server",
          "vary",
          "cache-control",
          "pragma",
          "expires",
          "etag",
          "last-modified",
          "age",
          "via",
          "alt-svc",
          "strict-transport-security",
          "x-content-type-options",
          "x-frame-options",
          "x-xss-protection",
          "content-security-policy",
          "referrer-policy",
          "access-control-allow-origin",
          "access-control-allow-credentials",
          "access-control-expose-headers");

  private final OpenApiInteractionValidator validator;
  private final Set<String> documentedHeaders;
  private final Masking masking;

  /** Checks against the spec in {@code specFile}; findings are masked by {@code masking}. */
  public SpecCheck(Path specFile, Masking masking) {
    this.validator =
        OpenApiInteractionValidator.createForSpecificationUrl(specFile.toUri().toString())
            .withLevelResolver(
                LevelResolver.create()
                    .withLevel(
                        "validation.schema.additionalProperties", ValidationReport.Level.ERROR)
                    .withLevel(
                        "validation.response.body.schema.additionalProperties",
                        ValidationReport.Level.ERROR)
                    .build())
            .build();
    this.documentedHeaders = documentedHeaders(specFile);
    this.masking = masking;
  }

  /** Returns the findings of the exchanges, an undocumented header once per name. */
  public List<Finding> check(List<Exchange> exchanges) {
    List<Finding> findings = new ArrayList<>();
    Set<String> headersSeen = new HashSet<>();
    for (Exchange x : exchanges) {
      if (x.status() < 0 || x.offSpec()) {
        continue;
      }
      if (x.status() == 429 || x.status() == 503) {
        if (x.header("retry-after") == null) {
          findings.add(
              new Finding(
                  Severity.WARNING,
                  x.step(),
                  "D11: Retry-After on " + x.status(),
                  "docs/decisions.md#D11",
                  "a Retry-After header",
                  x.status() + " without Retry-After (the client falls back to its backoff)"));
        }
        continue;
      }
      findings.addAll(validate(x));
      for (String name : x.headers().keySet()) {
        if (!documentedHeaders.contains(name)
            && !TRANSPORT_HEADERS.contains(name)
            && headersSeen.add(name)) {
          findings.add(
              new Finding(
                  Severity.WARNING,
                  x.step(),
                  "an undocumented header",
                  "#/components/headers",
                  "only the headers the spec documents",
                  name + ": " + masking.text(x.header(name))));
        }
      }
    }
    return findings;
  }

  private List<Finding> validate(Exchange x) {
    SimpleResponse.Builder response = SimpleResponse.Builder.status(x.status());
    for (Map.Entry<String, List<String>> h : x.headers().entrySet()) {
      response.withHeader(h.getKey(), h.getValue());
    }
    if (!x.body().isEmpty()) {
      response.withBody(x.body());
    }
    ValidationReport report =
        validator.validateResponse(
            x.path(),
            Request.Method.valueOf(x.method().toUpperCase(Locale.ROOT)),
            response.build());
    List<Finding> findings = new ArrayList<>();
    for (ValidationReport.Message m : report.getMessages()) {
      if (m.getLevel() != ValidationReport.Level.ERROR
          && m.getLevel() != ValidationReport.Level.WARN) {
        continue;
      }
      findings.add(
          new Finding(
              severity(m.getKey()),
              x.step(),
              m.getKey(),
              location(m, x),
              expected(m.getKey()),
              masking.text(m.getMessage())));
    }
    return findings;
  }

  /** Returns the severity of a validator message: breaking unless the client tolerates it. */
  static Severity severity(String key) {
    if (key.endsWith("additionalProperties") || key.endsWith(".enum")) {
      // An undocumented field is ignored by the client, and every enum it reads is expandable
      // (an unknown value is kept, never fatal); a pact expectation of a documented value still
      // fails on its own.
      return Severity.WARNING;
    }
    return Severity.BREAKING;
  }

  private static String expected(String key) {
    if (key.contains("status.unknown")) {
      return "a status the spec documents";
    }
    if (key.contains("contentType")) {
      return "the content type the spec documents (application/problem+json for errors)";
    }
    if (key.endsWith(".required")) {
      return "the required field";
    }
    if (key.endsWith(".type") || key.endsWith(".format")) {
      return "the documented type";
    }
    if (key.endsWith("additionalProperties")) {
      return "only documented fields";
    }
    if (key.endsWith(".enum")) {
      return "one of the documented values";
    }
    return "as the spec states";
  }

  private static String location(ValidationReport.Message m, Exchange x) {
    StringBuilder pointer = new StringBuilder("#");
    m.getContext()
        .flatMap(ValidationReport.MessageContext::getApiOperation)
        .ifPresentOrElse(
            op ->
                pointer
                    .append("/paths/")
                    .append(escape(op.getApiPath().original()))
                    .append('/')
                    .append(op.getMethod().name().toLowerCase(Locale.ROOT))
                    .append("/responses/")
                    .append(x.status()),
            () -> pointer.append("/paths"));
    m.getContext()
        .flatMap(ValidationReport.MessageContext::getPointers)
        .ifPresent(
            p ->
                pointer
                    .append(" (schema ")
                    .append(p.getSchema())
                    .append(", instance ")
                    .append(p.getInstance())
                    .append(')'));
    return pointer.toString();
  }

  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  private static Set<String> documentedHeaders(Path specFile) {
    try {
      JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(specFile));
      Set<String> names = new HashSet<>();
      collectHeaders(spec, names);
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void collectHeaders(JsonNode node, Set<String> names) {
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (field.getKey().equals("headers") && field.getValue().isObject()) {
        field.getValue().fieldNames().forEachRemaining(n -> names.add(n.toLowerCase(Locale.ROOT)));
      }
      collectHeaders(field.getValue(), names);
    }
    if (node.isArray()) {
      node.forEach(child -> collectHeaders(child, names));
    }
  }
}
