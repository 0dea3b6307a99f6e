package io.ecdp.customers.sandbox;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** The sandbox's request filters: canonical paths, faults, and the API key. */
final class SandboxFilters {

  private static final Map<String, String> CANONICAL =
      Map.of(
          "customers",
          "customers",
          "id",
          "id",
          "email",
          "email",
          "phone",
          "phone",
          "crmid",
          "crmId");

  private SandboxFilters() {}

  /**
   * Matches the literal path segments case-insensitively, as the vendor's server does (decision D1:
   * {@code /customers/crmid/57} reaches the same method as {@code /customers/crmId/57}).
   */
  @PreMatching
  @Priority(10)
  static final class CanonicalPath implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
      URI uri = request.getUriInfo().getRequestUri();
      String raw = uri.getRawPath();
      String[] segments = raw.split("/", -1);
      boolean changed = false;
      for (int i = 1; i < Math.min(segments.length, 3); i++) {
        String canonical = CANONICAL.get(segments[i].toLowerCase(Locale.ROOT));
        if (canonical != null && !canonical.equals(segments[i])) {
          segments[i] = canonical;
          changed = true;
        }
      }
      if (changed) {
        request.setRequestUri(
            UriBuilder.fromUri(uri).replacePath(null).path(String.join("/", segments)).build());
      }
    }
  }

  /** Adds latency, answers calls beyond the allowance with 429, and a share with 429 or 503. */
  @PreMatching
  @Priority(20)
  static final class FaultInjection implements ContainerRequestFilter {
    private final Faults faults;
    private final Random random;
    private final Allowance allowance;

    FaultInjection(Faults faults) {
      this.faults = faults;
      this.random = new Random(faults.seed());
      this.allowance =
          faults.allowancePerSecond() > 0 ? new Allowance(faults.allowancePerSecond()) : null;
    }

    @Override
    public void filter(ContainerRequestContext request) {
      if (!faults.latency().isZero()) {
        try {
          Thread.sleep(faults.latency().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      double draw;
      synchronized (random) {
        draw = random.nextDouble();
      }
      String path = request.getUriInfo().getRequestUri().getRawPath();
      if (allowance != null) {
        long waitNanos = allowance.take();
        if (waitNanos > 0) {
          Response r =
              Problems.of(
                  429,
                  "Too Many Requests",
                  "The sandbox allows "
                      + faults.allowancePerSecond()
                      + (faults.allowancePerSecond() == 1 ? " call" : " calls")
                      + " a second.",
                  path);
          long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
          request.abortWith(Response.fromResponse(r).header("Retry-After", seconds).build());
          return;
        }
      }
      if (draw < faults.rateLimitedShare()) {
        Response r =
            Problems.of(429, "Too Many Requests", "The sandbox's injected rate limit.", path);
        request.abortWith(
            Response.fromResponse(r)
                .header("Retry-After", faults.retryAfter().toSeconds())
                .build());
      } else if (draw < faults.rateLimitedShare() + faults.unavailableShare()) {
        request.abortWith(
            Problems.of(503, "Service Unavailable", "The sandbox's injected outage.", path));
      }
    }
  }

  /**
   * A token bucket: holds at most one second's allowance and refills continuously at the allowance
   * per second; a call takes one token.
   */
  static final class Allowance {
    private final int perSecond;
    private final long nanosPerToken;
    private final java.util.function.LongSupplier clock;
    private double tokens;
    private long last;

    Allowance(int perSecond) {
      this(perSecond, System::nanoTime);
    }

    Allowance(int perSecond, java.util.function.LongSupplier clock) {
      this.perSecond = perSecond;
      this.nanosPerToken = 1_000_000_000L / perSecond;
      this.clock = clock;
      this.tokens = perSecond;
      this.last = clock.getAsLong();
    }

    /** Takes a token: returns 0, or the nanoseconds until a token is available (none taken). */
    synchronized long take() {
      long now = clock.getAsLong();
      tokens = Math.min(perSecond, tokens + (now - last) / (double) nanosPerToken);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return (long) ((1 - tokens) * nanosPerToken) + 1;
    }
  }

  /**
   * Answers 401 unless the {@code x-api-key} header holds an accepted key. The comparison takes the
   * same time whatever the key sent, so that timing it tells nothing of an accepted key.
   */
  @Priority(Priorities.AUTHENTICATION)
  static final class ApiKey implements ContainerRequestFilter {
    private final byte[][] keys;

    ApiKey(Set<String> keys) {
      this.keys = keys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    }

    /**
     * Whether {@code key} is one of the accepted keys: compared with every accepted key, each with
     * {@link MessageDigest#isEqual} (whose time depends on the accepted key's length, not on where
     * the bytes differ), without stopping at a match. ({@code Set.contains} compares hashes first
     * and strings up to the first difference, which a timing can tell.)
     */
    boolean accepts(String key) {
      if (key == null) {
        return false;
      }
      byte[] sent = key.getBytes(StandardCharsets.UTF_8);
      boolean accepted = false;
      for (byte[] k : keys) {
        accepted |= MessageDigest.isEqual(k, sent);
      }
      return accepted;
    }

    @Override
    public void filter(ContainerRequestContext request) {
      String key = request.getHeaderString("x-api-key");
      if (!accepts(key)) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        boolean delete = request.getMethod().equals("DELETE");
        request.abortWith(
            Problems.of(
                401,
                "Unauthorized",
                key == null ? "The x-api-key header is missing." : "The API key is not valid.",
                path,
                null,
                delete ? Problems.DELETE_SUBSTATUS : null));
      }
    }
  }
}
