package io.ecdp.bench;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/** One way of calling the Customers API that the benchmarks compare. */
public interface Contender extends AutoCloseable {

  /** The contenders, by name. */
  enum Kind {
    /** This project's client. */
    OURS,
    /**
     * This project's client with the OpenTelemetry module's listener on a recording SDK ({@link
     * Listeners#openTelemetry()}): not a baseline, ours with its tracing and metrics on.
     */
    OURS_OTEL,
    /**
     * This project's client with the Micrometer module's listener on a timing registry ({@link
     * Listeners#micrometer()}).
     */
    OURS_MICROMETER,
    /**
     * The Jersey client and HttpClient 5 connector ours runs on, configured as ours, with nothing
     * of ours: pre-serialized bodies, answers read by hand-written JSON-P code.
     */
    BARE_JERSEY,
    /** One keep-alive socket per thread, pre-built requests: the physical limit. */
    RAW_SOCKET,
    /** Keep-alive HttpURLConnection with hand-written JSON-P: part of the floor. */
    FLOOR_URLCONNECTION,
    /** java.net.http.HttpClient with hand-written JSON-P: part of the floor. */
    FLOOR_HTTPCLIENT,
    /** The stock OpenAPI Generator java/jersey3 client with Jackson. */
    STOCK_JACKSON;

    /** Creates the contender for {@code server}. */
    public Contender create(URI server) throws Exception {
      return switch (this) {
        case OURS -> new OursContender(server, null);
        case OURS_OTEL -> new OursContender(server, Listeners.openTelemetry());
        case OURS_MICROMETER -> new OursContender(server, Listeners.micrometer());
        case BARE_JERSEY -> new BareJerseyContender(server);
        case RAW_SOCKET -> new RawSocketContender(server);
        case FLOOR_URLCONNECTION -> new UrlConnectionFloor(server);
        case FLOOR_HTTPCLIENT -> new HttpClientFloor(server);
        case STOCK_JACKSON -> new StockContender(server);
      };
    }

    /** The contenders of the full comparison: ours without a listener and the baselines. */
    public static final List<Kind> CALLS =
        List.of(
            OURS, BARE_JERSEY, RAW_SOCKET, FLOOR_URLCONNECTION, FLOOR_HTTPCLIENT, STOCK_JACKSON);

    /** Returns the size of the JSON body this contender sends for a batch of {@code size}. */
    public int requestBytes(int size) throws Exception {
      return switch (this) {
        case OURS, OURS_OTEL, OURS_MICROMETER -> OursContender.requestBody(size).length;
        case BARE_JERSEY, RAW_SOCKET, FLOOR_URLCONNECTION, FLOOR_HTTPCLIENT ->
            FloorJson.batch(size).length;
        case STOCK_JACKSON -> StockContender.requestBody(size).length;
      };
    }
  }

  /**
   * The connect timeout every contender sets, in ms: our client's default. A client without
   * timeouts can hang forever, so the floor sets them too; {@code -Decdp.bench.timeouts=false}
   * drops them from the floor and the stock client, to measure what they cost.
   */
  int CONNECT_TIMEOUT_MS = 10_000;

  /** The read timeout every contender sets, in ms: our client's default. */
  int READ_TIMEOUT_MS = 30_000;

  /** Whether the floor and the stock client set the timeouts (our client always does). */
  boolean TIMEOUTS = !"false".equals(System.getProperty("ecdp.bench.timeouts"));

  /** The API key every contender sends. */
  String API_KEY = "bench-api-key";

  /** Gets the customer by e-mail; returns something derived from the parsed body. */
  Object getByEmail(String email) throws Exception;

  /** Sends an AddOrUpdate batch of {@code size} generated customers, matched by e-mail. */
  void upsert(int size) throws Exception;

  @Override
  void close() throws IOException;
}
