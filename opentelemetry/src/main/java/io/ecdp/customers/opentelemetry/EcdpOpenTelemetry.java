package io.ecdp.customers.opentelemetry;

import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.events.CallListener;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Makes the {@link CallListener} that traces and measures the Customers client's calls with
 * OpenTelemetry, following its HTTP client semantic conventions.
 *
 * <pre>{@code
 * CustomersClient client =
 *     CustomersClient.builder()
 *         .apiKey(System.getenv("ECDP_API_KEY"))
 *         .addListener(EcdpOpenTelemetry.create(openTelemetry))
 *         .build();
 * }</pre>
 *
 * <p>Each call gets a span of kind {@code INTERNAL} named {@code {method} {url.template}} (such as
 * {@code GET /customers/email/{email}}), and each of its attempts (each HTTP request sent) a child
 * span of kind {@code CLIENT} with the same name, whose context is sent to the server as the
 * propagator of the {@link OpenTelemetry} instance writes it (W3C {@code traceparent} with the
 * default propagator). Each attempt is measured in {@value #REQUEST_DURATION}, and the records of
 * each upsert are counted in {@value #RECORDS}. No attribute holds the API key, a full URL or a
 * customer value: the path is given as its template.
 *
 * <p>An attempt span is an error when the server answered 400 or more (its {@code error.type} is
 * the status, such as {@code 429}) or no usable answer came ({@code error.type} is the exception's
 * class name, such as {@code io.ecdp.customers.errors.ConnectionException}). The call span is an
 * error only when the call throws: a lookup or delete answered 404 ("no such customer") is an
 * answer, so its call span is not an error, while its attempt span is, as the convention wants of
 * every 4xx.
 */
public final class EcdpOpenTelemetry {

  /** The name of the instrumentation scope of the spans and metrics: {@value}. */
  public static final String INSTRUMENTATION_NAME = "io.ecdp.customers";

  /**
   * The name of the histogram of each attempt's duration, in seconds: {@value}, the convention's.
   */
  public static final String REQUEST_DURATION = "http.client.request.duration";

  /**
   * The name of the counter of records sent by upserts, by {@code outcome} ({@code upserted} or
   * {@code refused}): {@value}.
   */
  public static final String RECORDS = "ecdp.customers.records";

  private EcdpOpenTelemetry() {}

  /**
   * Returns a listener that traces and measures the client's calls through this OpenTelemetry
   * instance, with its tracer, meter and propagators.
   *
   * @param openTelemetry the instance, such as the application's SDK or {@code
   *     GlobalOpenTelemetry.get()}
   * @return the listener, for {@link CustomersClient.Builder#addListener}; thread-safe, and may be
   *     shared by several clients
   */
  public static CallListener create(OpenTelemetry openTelemetry) {
    Objects.requireNonNull(openTelemetry, "openTelemetry");
    return new Instrumentation(openTelemetry, INSTRUMENTATION_NAME, version());
  }

  /**
   * The client's version: its module's version on the module path, its jar's {@code
   * Implementation-Version} on the class path, else this module's (built with it).
   */
  static @Nullable String version() {
    Module client = CustomersClient.class.getModule();
    if (client.getDescriptor() != null) {
      String raw = client.getDescriptor().rawVersion().orElse(null);
      if (raw != null) {
        return raw;
      }
    }
    String manifest = CustomersClient.class.getPackage().getImplementationVersion();
    return manifest != null ? manifest : ownVersion();
  }

  private static @Nullable String ownVersion() {
    try (InputStream in =
        EcdpOpenTelemetry.class.getResourceAsStream("module-version.properties")) {
      if (in == null) {
        return null;
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version");
      return v == null || v.isBlank() || v.startsWith("${") ? null : v.trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
