package io.ecdp.customers.verify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ecdp.customers.verify.Namespace;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The one way out of a verification: a local HTTP server that Pact JVM's verifier, the provider
 * states, the probes and the clean-up all send their requests to. Each request is checked by the
 * {@link Guard}, recorded in the {@link Ledger} when it may create a customer, paced, counted
 * against the request budget, sent to the service with the real API key (or a deliberately invalid
 * one), and recorded with its answer, the key replaced wherever it appears. It also serves Pact's
 * provider-state calls.
 */
public final class Gate implements AutoCloseable {

  /** The API key the pact's requests carry; the gate sends the real key in its place. */
  public static final String PLACEHOLDER_KEY = "valid-api-key";

  /** The key sent for every other key a request carries: the service must refuse it. */
  public static final String INVALID_KEY = "ecdp-contract-verify-deliberately-invalid-key";

  /** The header that marks a request as part of the clean-up, which no budget may stop. */
  public static final String PURPOSE_HEADER = "x-ecdp-contract-purpose";

  /** The path Pact posts provider-state changes to. */
  public static final String STATE_PATH = "/__ecdp-contract/state";

  private static final String KEY_HEADER = "x-api-key";
  private static final Set<String> NOT_FORWARDED =
      Set.of(
          "host",
          "connection",
          "content-length",
          "expect",
          "upgrade",
          "transfer-encoding",
          "keep-alive",
          "te",
          "trailer",
          "proxy-connection",
          "accept-encoding",
          KEY_HEADER,
          PURPOSE_HEADER);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 16 * 1024 * 1024;
  private static final int RATE_LIMIT_RETRIES = 3;
  private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

  private final URI base;
  private final String apiKey;
  private final Guard guard;
  private final Ledger ledger;
  private final int maxRequests;
  private final long intervalNanos;
  private final HttpClient http;
  private final HttpServer server;
  private final ExecutorService executor;
  private final List<Exchange> exchanges = new ArrayList<>();
  private final List<String> refusals = new ArrayList<>();
  private volatile String step = "set-up";
  private volatile Function<byte[], byte[]> states = body -> "{}".getBytes(StandardCharsets.UTF_8);
  private long nextSlot = System.nanoTime();
  private int sent;
  private boolean unreachable;
  private boolean budgetSpent;

  /**
   * Starts a gate on a free loopback port.
   *
   * @param base the service's base URI
   * @param apiKey the real API key
   * @param namespace the reserved namespace
   * @param ledger where creations and deletions are recorded
   * @param readOnly whether only GETs may be sent
   * @param ratePerSecond the most requests a second sent to the service
   * @param maxRequests the most requests sent to the service, the clean-up's included
   */
  public Gate(
      URI base,
      String apiKey,
      Namespace namespace,
      Ledger ledger,
      boolean readOnly,
      double ratePerSecond,
      int maxRequests)
      throws IOException {
    this.base = base;
    this.apiKey = apiKey;
    this.guard = new Guard(namespace, ledger, readOnly);
    this.ledger = ledger;
    this.maxRequests = maxRequests;
    this.intervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / ratePerSecond);
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    this.executor = Executors.newFixedThreadPool(4);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::forward);
    server.createContext(STATE_PATH, this::state);
    server.start();
  }

  /** Returns the gate's own URI, which requests are sent to. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Returns the port the gate listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Names the step that the next requests are sent for, in the recorded exchanges. */
  public void step(String name) {
    this.step = name;
  }

  /** Sets what answers Pact's provider-state calls: their JSON body in, a JSON body out. */
  public void states(Function<byte[], byte[]> handler) {
    this.states = handler;
  }

  /** Returns the exchanges so far, in the order they were sent. */
  public synchronized List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  /** Returns the requests the guard refused, each with its reason. */
  public synchronized List<String> refusals() {
    return List.copyOf(refusals);
  }

  /** Returns how many requests went to the service. */
  public synchronized int sent() {
    return sent;
  }

  /** Returns whether the service could not be reached at least once. */
  public synchronized boolean unreachable() {
    return unreachable;
  }

  /** Returns whether a request was refused because the budget was spent. */
  public synchronized boolean budgetSpent() {
    return budgetSpent;
  }

  private void state(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] answer;
      int status = 200;
      try {
        answer = states.apply(ex.getRequestBody().readAllBytes());
      } catch (RuntimeException e) {
        status = 500;
        answer =
            JSON.writeValueAsBytes(
                Map.of("error", String.valueOf(e.getMessage()), "type", e.getClass().getName()));
      }
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(status, answer.length);
      ex.getResponseBody().write(answer);
    }
  }

  private void forward(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
      String rawPath = ex.getRequestURI().getRawPath();
      String rawQuery = ex.getRequestURI().getRawQuery();
      byte[] body = readBody(ex.getRequestBody());
      String path = decode(rawPath);
      Map<String, List<String>> query = query(rawQuery);
      boolean cleanup = "cleanup".equals(ex.getRequestHeaders().getFirst(PURPOSE_HEADER));
      boolean offSpec = "off-spec".equals(ex.getRequestHeaders().getFirst(PURPOSE_HEADER));
      Optional<String> refusal = guard.refusal(method, path, query, body);
      if (refusal.isPresent()) {
        refuse(ex, method + " " + path + ": " + refusal.get());
        return;
      }
      synchronized (this) {
        if (!cleanup && sent + ledger.outstanding().size() >= maxRequests) {
          budgetSpent = true;
          refusals.add(
              method + " " + path + ": the budget of " + maxRequests + " requests is spent");
          answerLocally(ex, 429, "the verification's request budget is spent");
          return;
        }
      }
      if (method.equals("POST")) {
        recordCreations(body);
      }
      String upstreamPath = encodedPath(rawPath);
      String key =
          PLACEHOLDER_KEY.equals(ex.getRequestHeaders().getFirst(KEY_HEADER))
              ? apiKey
              : INVALID_KEY;
      HttpRequest.Builder request =
          HttpRequest.newBuilder(upstream(upstreamPath, rawQuery))
              .timeout(Duration.ofSeconds(30))
              .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
      ex.getRequestHeaders()
          .forEach(
              (name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                  values.forEach(v -> request.header(name, v));
                }
              });
      request.header(KEY_HEADER, key);
      HttpResponse<byte[]> answer = send(request.build(), method, upstreamPath, rawQuery, body);
      if (answer == null) {
        ex.getResponseHeaders().set("x-ecdp-contract-gate", "unreachable");
        answerLocally(ex, 502, "the service could not be reached");
        return;
      }
      byte[] answerBody = redact(answer.body());
      Map<String, List<String>> headers = headers(answer);
      synchronized (this) {
        exchanges.add(
            new Exchange(
                step,
                method,
                upstreamPath,
                rawQuery,
                utf8(body),
                answer.statusCode(),
                headers,
                utf8(answerBody),
                offSpec,
                null));
      }
      afterAnswer(method, path, query, body, answer.statusCode(), answerBody, cleanup);
      headers.forEach(
          (name, values) -> {
            if (!name.equals("content-length")
                && !name.equals("transfer-encoding")
                && !name.equals("connection")) {
              values.forEach(v -> ex.getResponseHeaders().add(name, v));
            }
          });
      ex.sendResponseHeaders(answer.statusCode(), answerBody.length == 0 ? -1 : answerBody.length);
      if (answerBody.length > 0) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(answerBody);
        }
      }
    }
  }

  private HttpResponse<byte[]> send(
      HttpRequest request, String method, String path, String rawQuery, byte[] body) {
    for (int attempt = 0; ; attempt++) {
      pace();
      HttpResponse<byte[]> answer;
      try {
        answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        synchronized (this) {
          unreachable = true;
          exchanges.add(
              new Exchange(
                  step,
                  method,
                  path,
                  rawQuery,
                  utf8(body),
                  -1,
                  Map.of(),
                  "",
                  false,
                  e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        return null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
      if (answer.statusCode() != 429 || attempt == RATE_LIMIT_RETRIES) {
        return answer;
      }
      synchronized (this) {
        exchanges.add(
            new Exchange(
                step,
                method,
                path,
                rawQuery,
                utf8(body),
                429,
                headers(answer),
                utf8(redact(answer.body())),
                false,
                null));
      }
      sleep(retryAfter(answer.headers().firstValue("retry-after").orElse(null)));
    }
  }

  private synchronized void pace() {
    long now = System.nanoTime();
    long wait = nextSlot - now;
    nextSlot = Math.max(now, nextSlot) + intervalNanos;
    sent++;
    if (wait > 0) {
      sleep(Duration.ofNanos(wait));
    }
  }

  /** Returns the wait a 429 asks for: its Retry-After in seconds (at most 30), else 2 seconds. */
  static Duration retryAfter(String value) {
    if (value != null) {
      try {
        long seconds = Long.parseLong(value.strip());
        if (seconds >= 0) {
          return Duration.ofSeconds(Math.min(seconds, LONGEST_WAIT.toSeconds()));
        }
      } catch (NumberFormatException e) {
        // An HTTP date, or garbage: the default wait.
      }
    }
    return Duration.ofSeconds(2);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void recordCreations(byte[] body) {
    JsonNode batch = readJson(body);
    String mode = batch == null ? "" : batch.path("mode").asText();
    if (mode.equals("Update")) {
      return;
    }
    for (JsonNode record : batch.path("data")) {
      ledger.created(text(record, "email"), text(record, "phone"), text(record, "crmId"));
    }
  }

  private void afterAnswer(
      String method,
      String path,
      Map<String, List<String>> query,
      byte[] body,
      int status,
      byte[] answer,
      boolean cleanup) {
    Guard.Target target = Guard.Target.of(path).orElseThrow();
    boolean anonymized =
        query.getOrDefault("withAnonymization", List.of()).stream()
            .anyMatch(v -> v.equalsIgnoreCase("true"));
    // A 404 says the key finds no customer, not that the customer is gone (a route may have
    // drifted): only the clean-up's own 404 closes an entry, after it tried every spelling.
    if (method.equals("DELETE") && (status == 200 || (status == 404 && anonymized && cleanup))) {
      ledger.deleted(target.kind(), target.value(), anonymized);
    }
    if (method.equals("POST") && (status == 200 || status == 201)) {
      JsonNode batch = readJson(body);
      JsonNode created = readJson(answer);
      if (batch != null && created != null && batch.path("data").size() == 1) {
        String email = text(batch.path("data").get(0), "email");
        JsonNode id = firstId(created);
        if (email != null && id != null) {
          ledger.learnedId(email, id.asInt());
        }
      }
    }
  }

  /** Returns a customer ID in a 201 body, where a service would put one, or null. */
  private static JsonNode firstId(JsonNode body) {
    for (JsonNode candidate :
        List.of(
            body.path("id"), body.path("data").path("id"), body.path("data").path(0).path("id"))) {
      if (candidate.isInt()) {
        return candidate;
      }
    }
    return null;
  }

  private static JsonNode readJson(byte[] bytes) {
    try {
      return bytes.length == 0 ? null : JSON.readTree(bytes);
    } catch (IOException e) {
      return null;
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isTextual() ? null : value.asText();
  }

  private void refuse(HttpExchange ex, String reason) throws IOException {
    synchronized (this) {
      refusals.add(reason);
    }
    answerLocally(ex, 451, "refused before sending: " + reason);
  }

  private static void answerLocally(HttpExchange ex, int status, String why) throws IOException {
    byte[] body = why.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    ex.getResponseHeaders().set("x-ecdp-contract-gate", "local");
    ex.sendResponseHeaders(status, body.length);
    ex.getResponseBody().write(body);
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private byte[] redact(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    return text.contains(apiKey)
        ? text.replace(apiKey, "[the API key]").getBytes(StandardCharsets.UTF_8)
        : body;
  }

  private Map<String, List<String>> headers(HttpResponse<?> answer) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    answer
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!name.startsWith(":")) {
                headers.put(
                    name.toLowerCase(Locale.ROOT),
                    values.stream().map(v -> v.replace(apiKey, "[the API key]")).toList());
              }
            });
    return headers;
  }

  private URI upstream(String path, String rawQuery) {
    String root = base.toString().replaceAll("/+$", "");
    return URI.create(root + path + (rawQuery == null ? "" : "?" + rawQuery));
  }

  /** Returns the path with its key segment percent-encoded as the client encodes it. */
  static String encodedPath(String rawPath) {
    String[] parts = rawPath.split("/", -1);
    if (parts.length == 4) {
      parts[3] = encode(decode(parts[3]));
    }
    return String.join("/", parts);
  }

  /** Percent-encodes every byte of the UTF-8 form but RFC 3986's unreserved characters. */
  static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  /** Percent-decodes a path (a {@code +} stays a plus sign). */
  static String decode(String raw) {
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static Map<String, List<String>> query(String rawQuery) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&", -1)) {
        int eq = pair.indexOf('=');
        String name =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      }
    }
    return query;
  }

  private static byte[] readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      throw new IOException("a request body over 16 MiB");
    }
    return body;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
