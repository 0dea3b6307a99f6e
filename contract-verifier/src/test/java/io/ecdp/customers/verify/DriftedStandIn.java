package io.ecdp.customers.verify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A scripted stand-in for a vendor whose service drifted from our spec: a real HTTP server on
 * {@code 127.0.0.1} that forwards every request to an upstream (in tests, a {@code
 * CustomersSandbox}) and rewrites what comes back according to one {@link Drift}, so that the
 * contract verifier can be shown to notice each kind of drift against a live base URL.
 *
 * <p>It records every request it receives, forwarded or not (method, raw path, raw query, headers,
 * body), for tests to assert what was touched: {@link #requests()}.
 *
 * <p>Forwarding is faithful apart from the drift: the method, raw path and raw query (percent
 * encoding kept), the headers and the body go upstream; the status, headers and body come back.
 * Hop-by-hop headers ({@code Connection} and the headers it names, {@code Keep-Alive}, {@code
 * Transfer-Encoding}, {@code TE}, {@code Trailer}, {@code Upgrade}, {@code Proxy-Connection}), and
 * {@code Host}, {@code Expect} and {@code Content-Length}, are not forwarded either way: the JDK's
 * client and server set their own, and {@code Content-Length} always matches the bytes sent. An
 * upstream that cannot be reached is answered {@code 502} with a problem document. Redirects are
 * passed through, never followed; the upstream is spoken to in HTTP/1.1.
 *
 * <p>JSON bodies are rewritten through Jackson's tree model (declared by this module; JSON-P comes
 * only transitively, through the client), numbers read as {@code BigDecimal} so that figures keep
 * their value; a body sent with a {@code Content-Encoding} is never rewritten.
 */
final class DriftedStandIn implements AutoCloseable {

  /** How the stand-in departs from the spec. */
  enum Drift {
    /** None: every answer is forwarded unchanged (status, headers but hop-by-hop ones, body). */
    NONE,
    /**
     * A {@code GET} answered {@code 200} with a JSON body has its {@code data.email} renamed {@code
     * data.eMail} (same value, same place among the fields).
     */
    RENAMED_FIELD,
    /**
     * The service no longer knows the {@code Gender} value {@code Female}: a {@code GET} answered
     * {@code 200} whose {@code data.gender} is {@code "Female"} carries {@code "F"} instead, a
     * value the spec's {@code Gender} enum ({@code Male}, {@code Female}, {@code NotSpecified})
     * lacks. This is our reading of "a dropped enum value" as seen by a reader: the documented
     * value disappears from answers, replaced by one outside the enum, which a client with a closed
     * enum must cope with. Other genders and writes are left alone.
     */
    DROPPED_ENUM_VALUE,
    /**
     * A {@code GET} that would be answered {@code 404} is answered {@code 410 Gone}, a status the
     * spec does not document; headers and the problem document are kept as they are.
     */
    UNDOCUMENTED_STATUS,
    /**
     * Every {@code 400} answer becomes {@code text/plain; charset=utf-8} with the body {@code Bad
     * Request}, instead of a problem document.
     */
    TEXT_PLAIN_400,
    /**
     * A {@code POST} (the API has one, {@code /customers}) answered {@code 201} is answered {@code
     * 200}, its headers and body kept.
     */
    STATUS_200_FOR_201,
    /**
     * The CRM ID path segment matches only as {@code crmid}, in lower case, as the vendor's page
     * spells it on {@code DELETE} (decision D1): a request to {@code /customers/crmId/...} (or any
     * other case but {@code crmid}) is answered {@code 404} with {@code
     * {"type":"about:blank","title":"Not Found","status":404}} as {@code application/problem+json},
     * without being forwarded; {@code /customers/crmid/...} is forwarded with the segment written
     * {@code crmId}, the spec's spelling.
     */
    CASE_SENSITIVE_CRMID,
    /**
     * The 1st, 4th, 7th... request (every third, counted from the first this stand-in receives) is
     * answered {@code 429} with a problem document and no {@code Retry-After} header, without being
     * forwarded; the others are forwarded unchanged.
     */
    RATE_LIMIT_WITHOUT_RETRY_AFTER,
    /**
     * A {@code GET} answered {@code 200} with a JSON body gains {@code "loyaltyScore": 42} as the
     * last member of its {@code data}: an undocumented extra field, a warning-level drift.
     */
    EXTRA_FIELD,
    /**
     * Every {@code 401} and {@code 404} answer becomes {@code application/json} with the body
     * {@code {"error":{"code":<status>,"message":"..."}}}, instead of a problem document; the
     * message is the problem's {@code detail}, else its {@code title}, else the status's reason
     * phrase.
     */
    CHANGED_ERROR_FORMAT
  }

  /**
   * One request the stand-in received, as it arrived: the method, the raw (still percent-encoded)
   * path and query ({@code null} when there was none), every header (names looked up without regard
   * to case), and the body's bytes (empty when there was none).
   */
  @SuppressWarnings("ArrayRecordComponent") // the body is copied in and out, and compared by value
  record Recorded(
      String method,
      String rawPath,
      String rawQuery,
      Map<String, List<String>> headers,
      byte[] body) {

    Recorded {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(rawPath, "rawPath");
      headers = caseInsensitiveCopy(headers);
      body = body.clone();
    }

    /** Returns a copy of the body's bytes. */
    @Override
    public byte[] body() {
      return body.clone();
    }

    /** Returns the body decoded as UTF-8. */
    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Recorded r
          && method.equals(r.method)
          && rawPath.equals(r.rawPath)
          && Objects.equals(rawQuery, r.rawQuery)
          && headers.equals(r.headers)
          && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
      return Objects.hash(method, rawPath, rawQuery, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
      return method
          + " "
          + rawPath
          + (rawQuery == null ? "" : "?" + rawQuery)
          + " "
          + headers
          + " ("
          + body.length
          + " bytes)";
    }
  }

  /** An answer on its way back: status, headers (case-insensitive names) and body. */
  @SuppressWarnings("ArrayRecordComponent") // passed along and written out, never compared
  private record Answer(int status, Map<String, List<String>> headers, byte[] body) {

    Answer withStatus(int newStatus) {
      return new Answer(newStatus, headers, body);
    }

    /** The same status and headers, with another body of another type (no content coding). */
    Answer withBody(String contentType, byte[] newBody) {
      Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      h.putAll(headers);
      h.remove("content-encoding");
      h.put("content-type", List.of(contentType));
      return new Answer(status, h, newBody);
    }

    String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Whether the body is JSON that may be read: a JSON media type and no content coding. */
    boolean hasReadableJson() {
      String type = header("content-type");
      String coding = header("content-encoding");
      if (type == null || (coding != null && !coding.equalsIgnoreCase("identity"))) {
        return false;
      }
      int semicolon = type.indexOf(';');
      String media =
          (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
      return media.equals("application/json") || media.endsWith("+json");
    }
  }

  private static final String PROBLEM_JSON = "application/problem+json";

  /** Hop-by-hop headers, and those the JDK's client and server set themselves. */
  private static final Set<String> NOT_FORWARDED =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "host",
          "expect",
          "content-length");

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private final URI upstream;
  private final Drift drift;
  private final HttpServer server;
  private final ExecutorService workers;
  private final HttpClient http;
  private final URI uri;
  private final List<Recorded> recorded = new ArrayList<>(); // guarded by itself

  private DriftedStandIn(URI upstream, Drift drift) throws IOException {
    this.upstream = Objects.requireNonNull(upstream, "upstream");
    this.drift = Objects.requireNonNull(drift, "drift");
    AtomicInteger threads = new AtomicInteger();
    this.workers =
        Executors.newCachedThreadPool(
            task -> {
              Thread t = new Thread(task, "drifted-stand-in-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    this.server = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(workers);
    server.start();
    this.uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * Starts a stand-in on a free port of {@code 127.0.0.1} that forwards to {@code upstream} (a base
   * URI, such as {@code http://127.0.0.1:41234}; a path of its own is kept as a prefix) and drifts
   * as {@code drift} says.
   */
  static DriftedStandIn start(URI upstream, Drift drift) throws IOException {
    return new DriftedStandIn(upstream, drift);
  }

  /**
   * Returns the base URI to call, e.g. {@code http://127.0.0.1:41235}, without a trailing slash.
   */
  URI uri() {
    return uri;
  }

  /** Returns the drift this stand-in applies. */
  Drift drift() {
    return drift;
  }

  /** Returns a copy of the requests received so far, in the order they arrived. */
  List<Recorded> requests() {
    synchronized (recorded) {
      return List.copyOf(recorded);
    }
  }

  /** Stops listening at once and ends the worker threads. */
  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      String method = exchange.getRequestMethod();
      URI requestUri = exchange.getRequestURI();
      String rawPath = requestUri.getRawPath() == null ? "" : requestUri.getRawPath();
      String rawQuery = requestUri.getRawQuery();
      byte[] body = exchange.getRequestBody().readAllBytes();
      Recorded request =
          new Recorded(method, rawPath, rawQuery, exchange.getRequestHeaders(), body);
      int ordinal;
      synchronized (recorded) {
        ordinal = recorded.size(); // so the n-th request recorded is the n-th counted
        recorded.add(request);
      }
      respond(exchange, method, answer(request, ordinal));
    } finally {
      exchange.close();
    }
  }

  private Answer answer(Recorded request, int ordinal) {
    String path = request.rawPath();
    if (drift == Drift.RATE_LIMIT_WITHOUT_RETRY_AFTER && ordinal % 3 == 0) {
      return problem(429, "Too Many Requests", "Too many requests; slow down.");
    }
    if (drift == Drift.CASE_SENSITIVE_CRMID) {
      String[] segments = path.split("/", -1);
      // "/customers/crmid/57" is "", "customers", "crmid", "57".
      if (segments.length >= 3
          && segments[1].equalsIgnoreCase("customers")
          && segments[2].equalsIgnoreCase("crmid")) {
        if (!segments[2].equals("crmid")) {
          return new Answer(
              404,
              headers("content-type", PROBLEM_JSON),
              utf8("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404}"));
        }
        segments[2] = "crmId";
        path = String.join("/", segments);
      }
    }
    Answer forwarded = forward(request, path);
    return drifted(request.method(), forwarded);
  }

  private Answer drifted(String method, Answer a) {
    boolean get200 = method.equals("GET") && a.status() == 200;
    return switch (drift) {
      case RENAMED_FIELD -> get200 ? changeData(a, DriftedStandIn::renameEmail) : a;
      case DROPPED_ENUM_VALUE -> get200 ? changeData(a, DriftedStandIn::dropFemale) : a;
      case UNDOCUMENTED_STATUS -> method.equals("GET") && a.status() == 404 ? a.withStatus(410) : a;
      case TEXT_PLAIN_400 ->
          a.status() == 400 ? a.withBody("text/plain; charset=utf-8", utf8("Bad Request")) : a;
      case STATUS_200_FOR_201 -> method.equals("POST") && a.status() == 201 ? a.withStatus(200) : a;
      case EXTRA_FIELD -> get200 ? changeData(a, data -> data.put("loyaltyScore", 42)) : a;
      case CHANGED_ERROR_FORMAT -> a.status() == 401 || a.status() == 404 ? vendorError(a) : a;
      case NONE, CASE_SENSITIVE_CRMID, RATE_LIMIT_WITHOUT_RETRY_AFTER -> a;
    };
  }

  private Answer forward(Recorded request, String path) {
    String base = upstream.toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    URI target;
    try {
      target =
          URI.create(base + path + (request.rawQuery() == null ? "" : "?" + request.rawQuery()));
    } catch (IllegalArgumentException e) {
      return problem(502, "Bad Gateway", "The request's path cannot be forwarded.");
    }
    byte[] body = request.body();
    HttpRequest.Builder out =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofSeconds(30))
            .method(
                request.method(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    Set<String> skipped = notForwarded(request.headers());
    request
        .headers()
        .forEach(
            (name, values) -> {
              if (!skipped.contains(name)) {
                for (String value : values) {
                  try {
                    out.header(name, value);
                  } catch (IllegalArgumentException e) {
                    // A header the JDK's client refuses to send (restricted or malformed): dropped.
                  }
                }
              }
            });
    HttpResponse<byte[]> response;
    try {
      response = http.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      return problem(502, "Bad Gateway", "The upstream could not be reached: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return problem(503, "Service Unavailable", "The stand-in is stopping.");
    }
    Map<String, List<String>> upstreamHeaders = caseInsensitiveCopy(response.headers().map());
    Set<String> skippedBack = notForwarded(upstreamHeaders);
    Map<String, List<String>> back = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    upstreamHeaders.forEach(
        (name, values) -> {
          if (!skippedBack.contains(name) && !name.startsWith(":")) {
            back.put(name, values);
          }
        });
    return new Answer(response.statusCode(), back, response.body());
  }

  /** The headers not to forward: hop-by-hop ones, and those {@code Connection} names. */
  private static Set<String> notForwarded(Map<String, List<String>> headers) {
    Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    names.addAll(NOT_FORWARDED);
    for (String value : headers.getOrDefault("connection", List.of())) {
      for (String token : value.split(",", -1)) {
        if (!token.isBlank()) {
          names.add(token.trim());
        }
      }
    }
    return names;
  }

  private static void respond(HttpExchange exchange, String method, Answer a) throws IOException {
    a.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
    byte[] body = a.body();
    boolean bodiless =
        body.length == 0
            || method.equals("HEAD")
            || a.status() == 204
            || a.status() == 304
            || a.status() < 200;
    exchange.sendResponseHeaders(a.status(), bodiless ? -1 : body.length);
    if (!bodiless) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /**
   * Applies {@code change} to the {@code data} object of a JSON answer; an answer that is not JSON,
   * or has no {@code data} object, is returned unchanged.
   */
  private static Answer changeData(Answer a, Consumer<ObjectNode> change) {
    if (!a.hasReadableJson()) {
      return a;
    }
    JsonNode root;
    try {
      root = JSON.readTree(a.body());
    } catch (IOException e) {
      return a;
    }
    if (root == null || !root.isObject() || !root.path("data").isObject()) {
      return a;
    }
    ObjectNode data = (ObjectNode) root.get("data");
    change.accept(data);
    try {
      return new Answer(a.status(), a.headers(), JSON.writeValueAsBytes(root));
    } catch (IOException e) {
      throw new IllegalStateException("A tree just read cannot be written", e);
    }
  }

  /** Renames {@code email} to {@code eMail} in place: the members keep their order. */
  private static void renameEmail(ObjectNode data) {
    if (!data.has("email")) {
      return;
    }
    List<Map.Entry<String, JsonNode>> members = new ArrayList<>(data.properties());
    data.removeAll();
    for (Map.Entry<String, JsonNode> member : members) {
      data.set(member.getKey().equals("email") ? "eMail" : member.getKey(), member.getValue());
    }
  }

  /**
   * Writes {@code "F"} for the {@code gender} {@code "Female"}, which the service no longer knows.
   */
  private static void dropFemale(ObjectNode data) {
    JsonNode gender = data.get("gender");
    if (gender != null && gender.isTextual() && gender.asText().equals("Female")) {
      data.put("gender", "F");
    }
  }

  /** The vendor's drifted error form: {@code {"error":{"code":...,"message":"..."}}}. */
  private static Answer vendorError(Answer a) {
    String message = a.status() == 401 ? "Unauthorized" : "Not Found";
    if (a.hasReadableJson()) {
      try {
        JsonNode problem = JSON.readTree(a.body());
        if (problem != null && problem.path("detail").isTextual()) {
          message = problem.get("detail").asText();
        } else if (problem != null && problem.path("title").isTextual()) {
          message = problem.get("title").asText();
        }
      } catch (IOException e) {
        // Not JSON after all: the reason phrase stays the message.
      }
    }
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error").put("code", a.status()).put("message", message);
    try {
      return a.withBody("application/json", JSON.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new IllegalStateException("A tree just built cannot be written", e);
    }
  }

  private static Answer problem(int status, String title, String detail) {
    ObjectNode body = JSON.createObjectNode();
    body.put("type", "about:blank").put("title", title).put("status", status).put("detail", detail);
    try {
      return new Answer(
          status, headers("content-type", PROBLEM_JSON), JSON.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new IllegalStateException("A tree just built cannot be written", e);
    }
  }

  private static Map<String, List<String>> headers(String name, String value) {
    Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.put(name, List.of(value));
    return h;
  }

  /** An unmodifiable copy whose names are looked up without regard to case. */
  private static Map<String, List<String>> caseInsensitiveCopy(Map<String, List<String>> headers) {
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach(
        (name, values) -> copy.merge(name, List.copyOf(values), DriftedStandIn::concat));
    return Collections.unmodifiableMap(copy);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> both = new ArrayList<>(a);
    both.addAll(b);
    return List.copyOf(both);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
