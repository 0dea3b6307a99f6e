package io.ecdp.customers.kafka.connect.it;

import jakarta.annotation.Priority;
import jakarta.json.Json;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the sandbox was asked and answered, seen from its side (registered with {@code
 * CustomersSandbox.Builder.register}): every call and its status, and for each upsert the sandbox
 * stored, the customers it carried in order (e-mail and first name).
 */
@Priority(9000) // after the sandbox's own filters: a call they refuse never reaches filter()
final class SandboxTraffic implements ContainerRequestFilter, ContainerResponseFilter {

  private static final String ITEMS = SandboxTraffic.class.getName() + ".items";

  /** One customer of an upsert the sandbox stored: its e-mail and first name. */
  record Item(String email, String firstName) {}

  final AtomicLong calls = new AtomicLong();
  final AtomicLong rateLimited = new AtomicLong();
  final AtomicLong unavailable = new AtomicLong();
  final AtomicLong storedUpserts = new AtomicLong();
  final AtomicLong storedRecords = new AtomicLong();
  final AtomicLong firstCallNanos = new AtomicLong();
  final AtomicLong lastCallNanos = new AtomicLong();

  /**
   * For each e-mail, the first names of the stored upserts that carried it, in the order stored.
   */
  final Map<String, List<String>> appliedFirstNames = new ConcurrentHashMap<>();

  /** When each 429 was answered (nanoTime). */
  final java.util.Queue<Long> rateLimitedAt = new java.util.concurrent.ConcurrentLinkedQueue<>();

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    if (!"POST".equals(request.getMethod()) || !request.hasEntity()) {
      return;
    }
    byte[] body = request.getEntityStream().readAllBytes();
    request.setEntityStream(new ByteArrayInputStream(body));
    request.setProperty(ITEMS, items(body));
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    long now = System.nanoTime();
    calls.incrementAndGet();
    firstCallNanos.compareAndSet(0, now);
    lastCallNanos.set(now);
    int status = response.getStatus();
    if (status == 429) {
      rateLimited.incrementAndGet();
      rateLimitedAt.add(now);
    } else if (status == 503) {
      unavailable.incrementAndGet();
    }
    @SuppressWarnings("unchecked")
    List<Item> items = (List<Item>) request.getProperty(ITEMS);
    if (items != null && status / 100 == 2) {
      storedUpserts.incrementAndGet();
      storedRecords.addAndGet(items.size());
      // One upsert at a time per customer is what ordering means; the store applies batches under
      // its lock, so the order of these answers is the order of application for one customer.
      synchronized (appliedFirstNames) {
        for (Item item : items) {
          appliedFirstNames
              .computeIfAbsent(item.email(), e -> new ArrayList<>())
              .add(item.firstName());
        }
      }
    }
  }

  /** Reads the customers of an upsert body {@code {"data":[{...},...]}}: e-mail and first name. */
  private static List<Item> items(byte[] body) {
    List<Item> out = new ArrayList<>();
    try (JsonParser p = Json.createParser(new ByteArrayInputStream(body))) {
      int objects = 0;
      int arrays = 0;
      boolean inData = false;
      String field = null;
      String email = null;
      String firstName = null;
      while (p.hasNext()) {
        JsonParser.Event e = p.next();
        boolean customer = inData && arrays == 1;
        switch (e) {
          case START_OBJECT -> {
            objects++;
            if (customer && objects == 2) {
              email = null;
              firstName = null;
            }
          }
          case END_OBJECT -> {
            if (customer && objects == 2) {
              out.add(new Item(email, firstName));
            }
            objects--;
          }
          case START_ARRAY -> {
            arrays++;
            if (arrays == 1 && objects == 1 && "data".equals(field)) {
              inData = true;
            }
          }
          case END_ARRAY -> {
            arrays--;
            if (arrays == 0) {
              inData = false;
            }
          }
          case KEY_NAME -> field = p.getString();
          case VALUE_STRING -> {
            if (customer && objects == 2 && "email".equals(field)) {
              email = p.getString();
            } else if (customer && objects == 2 && "firstName".equals(field)) {
              firstName = p.getString();
            }
          }
          default -> {}
        }
      }
    }
    return out;
  }

  /** Returns the 429 answers as a share of all calls. */
  double rateLimitedShare() {
    long n = calls.get();
    return n == 0 ? 0 : (double) rateLimited.get() / n;
  }

  /** Returns how many 429s were answered in each second from the first call, e.g. [3, 0, 1]. */
  List<Integer> rateLimitedPerSecond() {
    List<Integer> out = new ArrayList<>();
    for (long at : rateLimitedAt) {
      int second = (int) ((at - firstCallNanos.get()) / 1_000_000_000L);
      while (out.size() <= second) {
        out.add(0);
      }
      out.set(second, out.get(second) + 1);
    }
    return out;
  }

  /** Returns the seconds from the first call to the last. */
  double seconds() {
    return (lastCallNanos.get() - firstCallNanos.get()) / 1e9;
  }
}
