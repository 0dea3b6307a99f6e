package io.ecdp.customers.verify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecdp.customers.verify.Namespace;
import io.ecdp.customers.verify.Probe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Asks the live service what the vendor's page leaves open (the decisions of {@code
 * docs/decisions.md}) and records what it answers: the requests go through the gate like every
 * other, and what the pact's own exchanges already show is read from them instead of asked again.
 */
public final class Probes {

  /** The record-error form of the spec's {@code x-record-error-form} (D13). */
  static final Pattern RECORD_ERROR = Pattern.compile("^data\\[(\\d+)\\]\\.?([^:]*):\\s*(.*)$");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> REQUEST_ID_HEADERS =
      List.of(
          "x-request-id",
          "request-id",
          "x-correlation-id",
          "correlation-id",
          "traceparent",
          "x-amzn-requestid",
          "x-ms-request-id",
          "x-trace-id",
          "cf-ray");

  private final Gate gate;
  private final Namespace namespace;
  private final Masking masking;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final List<Probe> probes = new ArrayList<>();
  private final String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
  private int serial;

  /** Probes through the gate, with keys of the namespace. */
  public Probes(Gate gate, Namespace namespace, Masking masking) {
    this.gate = gate;
    this.namespace = namespace;
    this.masking = masking;
  }

  /** Returns the probes recorded so far. */
  public List<Probe> probes() {
    return List.copyOf(probes);
  }

  private String absentEmail() {
    return "ecdp-probe-" + run + "-" + ++serial + "@" + namespace.emailDomain();
  }

  /**
   * Asks for a customer with an invalid key; returns false when the service could not be reached,
   * so that the run stops before it writes anything.
   */
  public boolean unauthorized() {
    gate.step("probe: an invalid API key");
    HttpResponse<byte[]> r =
        get("/customers/email/" + Gate.encode(absentEmail()), "invalid", false);
    if (r == null || gate.unreachable()) {
      return false;
    }
    probes.add(
        new Probe(
            "401",
            "GET with an invalid API key",
            "401 with an application/problem+json body",
            r.statusCode() + " " + contentType(r),
            r.statusCode() == 401 && isProblem(r) ? Probe.AS_DECIDED : Probe.DIFFERS));
    return true;
  }

  /** Asks for a customer no one has: 404 with a problem body. */
  public void notFound() {
    gate.step("probe: a customer no one has");
    HttpResponse<byte[]> r = get("/customers/email/" + Gate.encode(absentEmail()), null, false);
    if (r != null) {
      probes.add(
          new Probe(
              "404",
              "GET of an e-mail address no customer has",
              "404 with an application/problem+json body (the client returns an empty result)",
              r.statusCode() + " " + contentType(r),
              r.statusCode() == 404 && isProblem(r) ? Probe.AS_DECIDED : Probe.DIFFERS));
    }
  }

  /** D1: the same customer by {@code /customers/crmid/} and {@code /customers/crmId/}. */
  public void crmIdCasing(String crmId) {
    gate.step("probe D1: crmid versus crmId");
    String value = Gate.encode(crmId);
    HttpResponse<byte[]> lower = get("/customers/crmid/" + value, null, true);
    HttpResponse<byte[]> camel = get("/customers/crmId/" + value, null, false);
    if (lower == null || camel == null) {
      return;
    }
    probes.add(
        new Probe(
            "D1",
            "GET /customers/crmid/{crmId} and /customers/crmId/{crmId} of the same customer",
            "one spelling, crmId; the server matches path segments without regard to case",
            "crmid: " + lower.statusCode() + ", crmId: " + camel.statusCode(),
            lower.statusCode() == camel.statusCode() ? Probe.AS_DECIDED : Probe.DIFFERS));
  }

  /** D2: an ID that is not a number. */
  public void idAsString() {
    gate.step("probe D2: id sent as a string");
    HttpResponse<byte[]> r = get("/customers/id/x12", null, true);
    if (r == null) {
      return;
    }
    int s = r.statusCode();
    probes.add(
        new Probe(
            "D2",
            "GET /customers/id/x12 (an ID that is not an int32)",
            "an int32 everywhere: a string ID is no customer (400 or 404)",
            s + " " + contentType(r),
            s == 400 || s == 404 ? Probe.AS_DECIDED : Probe.DIFFERS));
  }

  /**
   * D13/D14: a batch of two records the spec forbids (a control character in a name, a space in a
   * phone number): what the refusal's {@code errors} look like.
   */
  public void refusedBatch() {
    gate.step("probe D13/D14: a refused batch");
    String body =
        "{\"mode\":\"Add\",\"matchBy\":\"Email\",\"data\":["
            + "{\"email\":\""
            + absentEmail()
            + "\",\"firstName\":\"Ad\\u0007am\"},"
            + "{\"email\":\""
            + absentEmail()
            + "\",\"phone\":\""
            + namespace.phonePrefix()
            + " 123 456\"}]}";
    HttpResponse<byte[]> r = send("POST", "/customers", body, null, false);
    if (r == null) {
      return;
    }
    List<String> errors = new ArrayList<>();
    JsonNode problem = json(r.body());
    if (problem != null) {
      problem.path("errors").forEach(e -> errors.add(e.asText()));
    }
    Set<String> named = new LinkedHashSet<>();
    for (String e : errors) {
      var m = RECORD_ERROR.matcher(e);
      if (m.matches()) {
        named.add("data[" + m.group(1) + "]");
      }
    }
    String observed =
        r.statusCode()
            + " "
            + contentType(r)
            + "; errors: "
            + errors.stream().map(masking::text).collect(Collectors.joining(" | "));
    String verdict = r.statusCode() == 400 && named.size() == 2 ? Probe.AS_DECIDED : Probe.DIFFERS;
    probes.add(
        new Probe(
            "D13/D14",
            "POST a batch of two records, one with a control character in firstName, one with a"
                + " space in phone",
            "400; errors name each refused record as data[N].field: rule",
            observed + (named.isEmpty() ? "; no entry names a record" : "; names " + named),
            verdict));
  }

  /**
   * Reads what the pact's own exchanges show about D7 (the 201 and 200 bodies), D8 ({@code
   * substatus}), D12 (the request-id header) and D11 ({@code 429} and rate-limit headers).
   */
  public void fromExchanges(List<Exchange> exchanges) {
    List<String> created = new ArrayList<>();
    for (Exchange x : exchanges) {
      boolean post = x.method().equals("POST") && (x.status() == 201 || x.status() == 200);
      boolean deleted = x.method().equals("DELETE") && x.status() == 200;
      if (post || deleted) {
        created.add(
            x.method()
                + " "
                + x.status()
                + ": "
                + (x.body().isEmpty()
                    ? "no body"
                    : String.valueOf(x.header("content-type"))
                        + ", "
                        + x.body().length()
                        + " chars"));
      }
    }
    boolean postCreated =
        exchanges.stream().anyMatch(x -> x.method().equals("POST") && x.status() == 201);
    boolean bodiesJsonOrEmpty =
        exchanges.stream()
            .filter(x -> x.status() == 200 || x.status() == 201)
            .filter(x -> !x.method().equals("GET"))
            .allMatch(x -> x.body().isEmpty() || json(x.body()) != null);
    probes.add(
        new Probe(
            "D7",
            "the bodies of POST 201 and DELETE 200",
            "no body is documented; an empty body or any JSON is accepted",
            created.isEmpty() ? "none seen" : distinct(created),
            created.isEmpty()
                ? Probe.NOT_OBSERVED
                : postCreated && bodiesJsonOrEmpty ? Probe.AS_DECIDED : Probe.DIFFERS));

    List<String> substatus = new ArrayList<>();
    for (Exchange x : exchanges) {
      if (x.status() >= 400 && x.status() != 429) {
        JsonNode p = json(x.body());
        String s = p == null ? "not JSON" : p.path("substatus").asText("no substatus");
        substatus.add(x.method() + " " + x.status() + ": " + s);
      }
    }
    probes.add(
        new Probe(
            "D8",
            "substatus in the problem bodies of errors",
            "optional errors and substatus on every error; members not named are kept",
            substatus.isEmpty() ? "no error seen" : distinct(substatus),
            substatus.isEmpty()
                ? Probe.NOT_OBSERVED
                : substatus.stream().noneMatch(s -> s.endsWith("not JSON"))
                    ? Probe.AS_DECIDED
                    : Probe.DIFFERS));

    Set<String> idHeaders = new LinkedHashSet<>();
    long answered = exchanges.stream().filter(x -> x.status() > 0).count();
    long withRequestId = exchanges.stream().filter(x -> x.header("x-request-id") != null).count();
    for (Exchange x : exchanges) {
      for (String h : REQUEST_ID_HEADERS) {
        if (x.header(h) != null) {
          idHeaders.add(h);
        }
      }
    }
    boolean other = idHeaders.stream().anyMatch(h -> !h.equals("x-request-id"));
    probes.add(
        new Probe(
            "D12",
            "the response header that carries a request id",
            "x-request-id, optional; no other header is read as one",
            "x-request-id on "
                + withRequestId
                + " of "
                + answered
                + " answers"
                + (idHeaders.isEmpty() ? "; no request-id header" : "; headers seen: " + idHeaders),
            other && withRequestId == 0 ? Probe.DIFFERS : Probe.AS_DECIDED));

    List<String> limited = new ArrayList<>();
    Set<String> rateHeaders = new LinkedHashSet<>();
    for (Exchange x : exchanges) {
      for (String h : x.headers().keySet()) {
        if (h.contains("ratelimit") || h.contains("rate-limit")) {
          rateHeaders.add(h);
        }
      }
      if (x.status() == 429) {
        limited.add(
            "429 "
                + (x.header("retry-after") == null
                    ? "without Retry-After"
                    : "Retry-After: " + x.header("retry-after")));
      }
    }
    probes.add(
        new Probe(
            "D11",
            "Retry-After and rate-limit headers on 429 (the run provokes none; it records any it"
                + " meets)",
            "no limit documented; 429 and 503 honoured with Retry-After",
            (limited.isEmpty() ? "no 429 in this run" : distinct(limited))
                + (rateHeaders.isEmpty() ? "; no rate-limit headers" : "; headers: " + rateHeaders),
            limited.isEmpty()
                ? Probe.NOT_OBSERVED
                : limited.stream().allMatch(l -> l.contains("Retry-After:"))
                    ? Probe.AS_DECIDED
                    : Probe.DIFFERS));
  }

  /** Reads a customer the user named (a read-only run): {@code kind} and its value. */
  public void namedCustomer(String kind, String value) {
    gate.step("read-only: GET the named customer");
    HttpResponse<byte[]> r = get("/customers/" + kind + "/" + Gate.encode(value), null, false);
    if (r != null) {
      probes.add(
          new Probe(
              "GET",
              "GET of the customer named by --customer",
              "200 with the customer, or 404",
              r.statusCode() + " " + contentType(r),
              r.statusCode() == 200 || r.statusCode() == 404 ? Probe.AS_DECIDED : Probe.DIFFERS));
    }
  }

  private static String distinct(List<String> values) {
    return values.stream().distinct().collect(Collectors.joining("; "));
  }

  private HttpResponse<byte[]> get(String path, String key, boolean offSpec) {
    return send("GET", path, null, key, offSpec);
  }

  private HttpResponse<byte[]> send(
      String method, String path, String body, String key, boolean offSpec) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(gate.uri() + path))
            .timeout(Duration.ofMinutes(2))
            .header("x-api-key", key == null ? Gate.PLACEHOLDER_KEY : key)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (offSpec) {
      request.header(Gate.PURPOSE_HEADER, "off-spec");
    }
    try {
      HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return r.headers().firstValue("x-ecdp-contract-gate").isPresent() ? null : r;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static String contentType(HttpResponse<?> r) {
    return r.headers().firstValue("content-type").orElse("(no content type)");
  }

  private static boolean isProblem(HttpResponse<byte[]> r) {
    return contentType(r).toLowerCase(Locale.ROOT).startsWith("application/problem+json")
        && json(r.body()) != null;
  }

  private static JsonNode json(String body) {
    return json(body.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode json(byte[] body) {
    try {
      return body.length == 0 ? null : JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }
}
