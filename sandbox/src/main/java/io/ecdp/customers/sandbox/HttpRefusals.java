package io.ecdp.customers.sandbox;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.ContentEncoding;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpPacketParsing;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.KeepAlive;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.util.Header;
import org.glassfish.grizzly.http.util.HttpStatus;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;

/**
 * What the sandbox refuses before it reads a body, at the HTTP layer: Grizzly's HTTP codec, with
 * every refusal answered by a problem document and the connection closed.
 *
 * <ul>
 *   <li>{@code Transfer-Encoding} with {@code Content-Length}: a request that a proxy and the
 *       sandbox could frame differently (request smuggling). RFC 9112 §6.1 lets a server treat it
 *       as an error and requires closing the connection after it: 400, closed, and nothing after it
 *       on the connection is read.
 *   <li>A transfer coding other than one {@code chunked} (e.g. {@code xchunked}, {@code gzip,
 *       chunked}), or {@code Transfer-Encoding} in an HTTP/1.0 request: its length cannot be known
 *       (RFC 9112 §6.3): 400, closed.
 *   <li>A {@code Content-Length} beyond the sandbox's largest body: 413 at once, closed, the body
 *       not read; the answer names the limit.
 *   <li>What Grizzly itself refuses (a request line and headers beyond 8 KiB, more than 100 header
 *       fields, a malformed request line or header, a missing {@code Host}, differing {@code
 *       Content-Length}s, a broken chunk): Grizzly answers these with an empty body; here with a
 *       problem document, which names the limit when one was reached.
 * </ul>
 */
final class HttpRefusals {

  private static final String REFUSAL = HttpRefusals.class.getName() + ".refusal";

  private HttpRefusals() {}

  /** A refusal of the HTTP layer: its status and words. */
  record Refusal(int status, String title, String detail) {}

  /**
   * Puts the refusing codec in place of Grizzly's in a listener's filter chain, with the same
   * settings.
   */
  static AddOn addOn(long maxBodyBytes) {
    return (NetworkListener listener, FilterChainBuilder builder) -> {
      int at = builder.indexOfType(HttpServerFilter.class);
      HttpServerFilter grizzly = (HttpServerFilter) builder.get(at);
      int maxHeaderSize =
          listener.getMaxHttpHeaderSize() == -1
              ? HttpServerFilter.DEFAULT_MAX_HTTP_PACKET_HEADER_SIZE
              : listener.getMaxHttpHeaderSize();
      Codec codec =
          new Codec(
              listener.isChunkingEnabled(),
              maxHeaderSize,
              listener.getKeepAlive(),
              listener.getMaxRequestHeaders(),
              listener.getMaxResponseHeaders(),
              maxBodyBytes);
      for (ContentEncoding encoding : grizzly.getContentEncodings()) {
        codec.addContentEncoding(encoding);
      }
      codec.setAllowPayloadForUndefinedHttpMethods(grizzly.isAllowPayloadForUndefinedHttpMethods());
      codec.setMaxPayloadRemainderToSkip(grizzly.getMaxPayloadRemainderToSkip());
      codec.getMonitoringConfig().addProbes(grizzly.getMonitoringConfig().getProbes());
      builder.set(at, codec);
    };
  }

  /** Why a request whose head was read is refused before its body, or null. */
  static Refusal refusal(HttpRequestPacket request, long maxBodyBytes) {
    List<String> codings = new ArrayList<>();
    boolean transferEncoding = false;
    for (String value : request.getHeaders().values(Header.TransferEncoding)) {
      transferEncoding = true;
      for (String coding : value.split(",", -1)) {
        codings.add(coding.trim().toLowerCase(Locale.ROOT));
      }
    }
    if (transferEncoding) {
      // Grizzly drops a Content-Length header that came before "chunked" (and ignores one that
      // came after it): its parsing state still counts it.
      boolean contentLength =
          request.getHeaders().getHeader(Header.ContentLength) != null
              || (request instanceof HttpPacketParsing parsing
                  && parsing.getHeaderParsingState().contentLengthHeadersCount > 0);
      if (contentLength) {
        return new Refusal(
            400,
            "Bad Request",
            "Transfer-Encoding and Content-Length together: the body's length is ambiguous (RFC"
                + " 9112 section 6.1), so the request is refused and the connection closed.");
      }
      if (request.getProtocol() != Protocol.HTTP_1_1) {
        return new Refusal(
            400,
            "Bad Request",
            "Transfer-Encoding in an HTTP/1.0 request: the body's length cannot be known (RFC"
                + " 9112 section 6.1); the connection is closed.");
      }
      if (!codings.equals(List.of("chunked"))) {
        return new Refusal(
            400,
            "Bad Request",
            "The only transfer coding the sandbox reads is chunked, once: the body's length"
                + " cannot be known (RFC 9112 section 6.3); the connection is closed.");
      }
    }
    if (request.getContentLength() > maxBodyBytes) {
      return new Refusal(
          413,
          "Content Too Large",
          "The body is larger than the sandbox's limit of "
              + maxBodyBytes
              + " bytes (its Content-Length is "
              + request.getContentLength()
              + "); none of it was read, nothing was applied, and the connection is closed.");
    }
    return null;
  }

  /** The refusal of a body (chunked, or already read) beyond the sandbox's largest. */
  static Refusal tooLarge(long maxBodyBytes) {
    return new Refusal(
        413,
        "Content Too Large",
        "The body is larger than the sandbox's limit of "
            + maxBodyBytes
            + " bytes; nothing was applied, and the connection is closed.");
  }

  /** Grizzly's HTTP codec, answering every refusal with a problem document. */
  static final class Codec extends HttpServerFilter {
    private final long maxBodyBytes;
    private final int maxHeaderSize;
    private final int maxRequestHeaders;

    @SuppressWarnings("deprecation") // the constructor Grizzly's HttpServer itself uses
    Codec(
        boolean chunkingEnabled,
        int maxHeaderSize,
        KeepAlive keepAlive,
        int maxRequestHeaders,
        int maxResponseHeaders,
        long maxBodyBytes) {
      super(
          chunkingEnabled,
          maxHeaderSize,
          null,
          keepAlive,
          null,
          maxRequestHeaders,
          maxResponseHeaders);
      this.maxBodyBytes = maxBodyBytes;
      this.maxHeaderSize = maxHeaderSize;
      this.maxRequestHeaders = maxRequestHeaders;
    }

    @Override
    protected boolean onHttpHeaderParsed(HttpHeader header, Buffer buffer, FilterChainContext ctx) {
      boolean error = super.onHttpHeaderParsed(header, buffer, ctx);
      if (error) {
        return true; // Grizzly's own refusal; worded in onHttpHeaderError
      }
      HttpRequestPacket request = (HttpRequestPacket) header;
      Refusal refusal = refusal(request, maxBodyBytes);
      if (refusal == null) {
        return false;
      }
      // Refused before any of the body is decoded: whatever follows on the connection (a request
      // smuggled in the body) is never read, since the connection is closed after the answer.
      request.setAttribute(REFUSAL, refusal);
      return true;
    }

    @Override
    protected void onHttpHeaderError(HttpHeader header, FilterChainContext ctx, Throwable t)
        throws IOException {
      HttpRequestPacket request = (HttpRequestPacket) header;
      HttpResponsePacket response = request.getResponse();
      Refusal refusal = (Refusal) request.getAttribute(REFUSAL);
      if (refusal == null) {
        refusal = headerError(request, response, t);
        request.setAttribute(REFUSAL, refusal);
      }
      HttpStatus.getHttpStatus(refusal.status()).setValues(response);
      response.getProcessingState().setKeepAlive(false);
      // A request line cut short has no protocol yet, which Grizzly takes for HTTP/0.9 and then
      // answers without headers: the answer is HTTP/1.1.
      Protocol protocol;
      try {
        protocol = request.getProtocol();
      } catch (RuntimeException e) {
        protocol = null;
      }
      if (protocol != Protocol.HTTP_1_0 && protocol != Protocol.HTTP_1_1) {
        request.setProtocol(Protocol.HTTP_1_1);
      }
      super.onHttpHeaderError(header, ctx, t);
    }

    @Override
    protected void onHttpContentError(HttpHeader header, FilterChainContext ctx, Throwable t)
        throws IOException {
      HttpRequestPacket request = (HttpRequestPacket) header;
      if (request.getAttribute(REFUSAL) == null) {
        request.setAttribute(
            REFUSAL,
            new Refusal(
                400,
                "Bad Request",
                "The body could not be read (a broken chunk); the connection is closed."));
      }
      request.getResponse().getProcessingState().setKeepAlive(false);
      super.onHttpContentError(header, ctx, t);
    }

    private Refusal headerError(
        HttpRequestPacket request, HttpResponsePacket response, Throwable t) {
      if (response.getStatus() == 505) {
        return new Refusal(
            505, "HTTP Version Not Supported", "The sandbox speaks HTTP/1.1 and HTTP/1.0.");
      }
      String message = t == null ? null : t.getMessage();
      if (message != null && message.contains("too large")) {
        return new Refusal(
            400,
            "Bad Request",
            "The request line and headers are longer than the sandbox reads ("
                + maxHeaderSize
                + " bytes); the connection is closed.");
      }
      if (tooManyHeaders(t)) {
        return new Refusal(
            400,
            "Bad Request",
            "The request has more than "
                + maxRequestHeaders
                + " header fields, the most the sandbox reads; the connection is closed.");
      }
      if (request instanceof HttpPacketParsing parsing
          && parsing.getHeaderParsingState().contentLengthsDiffer) {
        return new Refusal(
            400,
            "Bad Request",
            "Content-Length given twice with different values; the connection is closed.");
      }
      return new Refusal(
          400,
          "Bad Request",
          "The request is not valid HTTP/1.1 (its request line or a header is malformed, or Host"
              + " is missing); the connection is closed.");
    }

    /**
     * Whether Grizzly refused the request for its number of header fields (its {@code
     * MaxHeaderCountExceededException}, known by name: a class of Grizzly's HTTP utilities that the
     * sandbox does not otherwise use).
     */
    private static boolean tooManyHeaders(Throwable t) {
      int depth = 0;
      for (Throwable c = t; c != null && depth < 16; c = c.getCause(), depth++) {
        if (c.getClass().getSimpleName().equals("MaxHeaderCountExceededException")) {
          return true;
        }
      }
      return false;
    }

    @Override
    protected HttpContent customizeErrorResponse(HttpResponsePacket response) {
      Refusal refusal = (Refusal) response.getRequest().getAttribute(REFUSAL);
      int status = response.getStatus();
      String title = refusal != null ? refusal.title() : response.getReasonPhrase();
      String detail = refusal != null ? refusal.detail() : "The request was refused.";
      byte[] body = Problems.json(status, title, detail, null);
      response.setContentType(Problems.PROBLEM_JSON_TYPE);
      response.setContentLength(body.length);
      return HttpContent.builder(response)
          .content(Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, body))
          .last(true)
          .build();
    }
  }
}
