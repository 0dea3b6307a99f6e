package io.ecdp.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.model.CustomAttribute;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.Gender;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import io.ecdp.customers.sandbox.CustomersSandbox;
import io.ecdp.customers.sandbox.SandboxStore;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Measures the sandbox's state file with 1,000,000 customers: the time to save it (the snapshot
 * written at close), to load it (a sandbox started on it, and the same start without a state file
 * for comparison), to load the old format (one JSON array), and the journal's cost on a
 * 1,000-record batch; with the heap each takes.
 *
 * <p>Heap figures: "live" is the heap in use after a full collection (the store alone, before the
 * phases); "peak after GC" the most heap in use after any collection during a phase (what the phase
 * kept reachable at its worst, the store included); "peak" the most in use at any moment, garbage
 * not yet collected included (from the memory pools' peaks, which depend on the collector's
 * sizing).
 *
 * <p>Run it from the repository's root after {@code ./mvnw -q -B -pl benchmarks -am package
 * -DskipTests -Dskip.npm=true}:
 *
 * <pre>
 * java -Xmx3g -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *   io.ecdp.bench.SandboxStateCost [customers] [directory]
 * </pre>
 *
 * <p>{@code -Dsandboxstate.oldFormat=false} leaves out the old format, whose writing (not reading)
 * needs far more heap: then the save and the load run in a heap barely larger than the store
 * ({@code -Xmx1g} for 1,000,000 customers).
 */
public final class SandboxStateCost {

  private SandboxStateCost() {}

  /**
   * Runs the measurement.
   *
   * @param args the number of customers (default 1,000,000) and the working directory (default
   *     {@code benchmarks/target/sandbox-state-cost})
   * @throws Exception if a step fails
   */
  public static void main(String[] args) throws Exception {
    int customers = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
    Path dir = Path.of(args.length > 1 ? args[1] : "benchmarks/target/sandbox-state-cost");
    Files.createDirectories(dir);
    Path state = dir.resolve("sandbox.json");
    Path old = dir.resolve("old-format.json");
    for (Path p : List.of(state, old, sibling(state, ".journal"), sibling(state, ".lock"))) {
      Files.deleteIfExists(p);
    }
    Heap heap = new Heap();
    System.out.printf(
        Locale.ROOT,
        "customers: %,d; max heap %,d MB; %s %s%n",
        customers,
        Runtime.getRuntime().maxMemory() >> 20,
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"));

    save(heap, state, customers);
    load(heap, state, customers - 1, "load (start on the state)");
    if (Boolean.parseBoolean(System.getProperty("sandboxstate.oldFormat", "true"))) {
      // Writing it takes a list of every customer and JSON-B: far more heap than reading it.
      writeOldFormat(state, old);
      System.out.printf(Locale.ROOT, "old format: %,d bytes%n", Files.size(old));
      load(heap, old, customers - 1, "load the old format (start on it)");
    }
    journalCost(dir.resolve("journal-cost"));
    syncCost(dir.resolve("sync-cost.bin"));
  }

  /**
   * What an {@code fsync} after each journal line would cost (the sandbox does not sync): appends
   * of a batch's line (330,000 bytes, a batch of 1,000 customers) to a file, with and without
   * {@code FileChannel.force(false)} after each.
   */
  private static void syncCost(Path file) throws Exception {
    byte[] line = new byte[330_000];
    java.util.Arrays.fill(line, (byte) 'x');
    line[line.length - 1] = '\n';
    int rounds = 100;
    long[] plain = new long[rounds];
    long[] synced = new long[rounds];
    try (java.io.RandomAccessFile out = new java.io.RandomAccessFile(file.toFile(), "rw")) {
      for (int r = 0; r < rounds; r++) {
        long t0 = System.nanoTime();
        out.write(line);
        long t1 = System.nanoTime();
        out.write(line);
        out.getFD().sync();
        long t2 = System.nanoTime();
        plain[r] = t1 - t0;
        synced[r] = t2 - t1;
      }
    } finally {
      Files.deleteIfExists(file);
    }
    java.util.Arrays.sort(plain);
    java.util.Arrays.sort(synced);
    System.out.printf(
        Locale.ROOT,
        "appending a batch's journal line (330 KB, median of %d): %.2f ms plain, %.2f ms with"
            + " fsync%n",
        rounds,
        plain[rounds / 2] / 1e6,
        synced[rounds / 2] / 1e6);
  }

  /** Fills a store without a state file, then creates a state from it and saves it again. */
  private static void save(Heap heap, Path state, int customers) {
    SandboxStore store = new SandboxStore();
    for (int start = 0; start < customers; start += 1_000) {
      store.upsert(UpsertMode.ADD, MatchBy.EMAIL, batch(start, Math.min(customers, start + 1_000)));
    }
    long live = heap.live();
    System.out.printf(Locale.ROOT, "store alone: %,d MB live%n", live >> 20);
    heap.measure(
        "start without a state file (for comparison)",
        () -> {
          CustomersSandbox.builder().start().close();
          return null;
        });
    // A new state from the store: its first snapshot is written at start.
    CustomersSandbox sandbox =
        heap.measure(
            "create the state (start: first snapshot)",
            () -> CustomersSandbox.builder().store(store).stateFile(state).start());
    sandbox.store().delete(CustomerKey.id(1), false); // a change, so that close saves
    heap.measure(
        "save (close: snapshot)",
        () -> {
          sandbox.close();
          return null;
        });
    try {
      long bytes = Files.size(state);
      System.out.printf(Locale.ROOT, "state file: %,d bytes (%.0f MB)%n", bytes, bytes / 1e6);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void load(Heap heap, Path state, int expected, String phase) {
    CustomersSandbox sandbox =
        heap.measure(phase, () -> CustomersSandbox.builder().stateFile(state).start());
    try {
      int size = sandbox.store().size();
      if (size != expected) {
        throw new IllegalStateException("loaded " + size + " customers, not " + expected);
      }
      System.out.printf(Locale.ROOT, "  loaded %,d customers%n", size);
    } finally {
      sandbox.close(); // unchanged: not written again
    }
  }

  /** The journal's cost on a batch of 1,000 new customers, against the same batch without one. */
  private static void journalCost(Path dir) throws Exception {
    Files.createDirectories(dir);
    Path state = dir.resolve("sandbox.json");
    for (Path p : List.of(state, sibling(state, ".journal"), sibling(state, ".lock"))) {
      Files.deleteIfExists(p);
    }
    int rounds = 200;
    long[] with = new long[rounds];
    long[] none = new long[rounds];
    SandboxStore without = new SandboxStore();
    try (CustomersSandbox sandbox = CustomersSandbox.builder().stateFile(state).start()) {
      for (int r = 0; r < rounds; r++) {
        // The same customers, as separate objects (no hash code computed by the other), in
        // alternating order.
        List<CustomerRecord> a = batch(r * 1_000, r * 1_000 + 1_000);
        List<CustomerRecord> b = batch(r * 1_000, r * 1_000 + 1_000);
        if (r % 2 == 0) {
          with[r] = time(() -> sandbox.store().upsert(UpsertMode.ADD, MatchBy.EMAIL, a));
          none[r] = time(() -> without.upsert(UpsertMode.ADD, MatchBy.EMAIL, b));
        } else {
          none[r] = time(() -> without.upsert(UpsertMode.ADD, MatchBy.EMAIL, b));
          with[r] = time(() -> sandbox.store().upsert(UpsertMode.ADD, MatchBy.EMAIL, a));
        }
      }
      System.out.printf(
          Locale.ROOT,
          "journal after %d batches: %,d bytes%n",
          rounds,
          Files.size(sibling(state, ".journal")));
    }
    java.util.Arrays.sort(with);
    java.util.Arrays.sort(none);
    System.out.printf(
        Locale.ROOT,
        "a batch of 1,000 new customers (median of %d): %.1f ms with the journal, %.1f ms without%n",
        rounds,
        with[rounds / 2] / 1e6,
        none[rounds / 2] / 1e6);
  }

  private static long time(Runnable action) {
    long t0 = System.nanoTime();
    action.run();
    return System.nanoTime() - t0;
  }

  private static List<CustomerRecord> batch(int from, int to) {
    List<CustomerRecord> out = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      out.add(
          CustomerRecord.builder()
              .email(String.format(Locale.ROOT, "customer.%07d@example.com", i))
              .phone(String.format(Locale.ROOT, "+4860%07d", i))
              .crmId("crm-" + i)
              .firstName("Adam")
              .lastName("Zielinski")
              .dateOfBirth(
                  OffsetDateTime.of(
                      1980 + i % 30, 1 + i % 12, 1 + i % 28, 0, 0, 0, 0, ZoneOffset.UTC))
              .gender(i % 2 == 0 ? Gender.MALE : Gender.FEMALE)
              .customAttributes(
                  List.of(CustomAttribute.builder().name("tier").value("gold").build()))
              .build());
    }
    return out;
  }

  private static Path sibling(Path file, String suffix) {
    return file.resolveSibling(file.getFileName() + suffix);
  }

  /**
   * Writes the customers of {@code state} as the sandbox did before (one JSON array, by JSON-B).
   */
  private static void writeOldFormat(Path state, Path file) throws Exception {
    List<SandboxStore.Entry> entries;
    try (CustomersSandbox sandbox = CustomersSandbox.builder().stateFile(state).start()) {
      entries = sandbox.store().snapshot();
    }
    Type type =
        new ParameterizedType() {
          @Override
          public Type[] getActualTypeArguments() {
            return new Type[] {SandboxStore.Entry.class};
          }

          @Override
          public Type getRawType() {
            return List.class;
          }

          @Override
          public Type getOwnerType() {
            return null;
          }
        };
    Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(false));
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      jsonb.toJson(entries, type, out);
    } finally {
      jsonb.close();
    }
  }

  /** The heap's use: after full collections, after any collection during a phase, and at peak. */
  private static final class Heap {
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final List<MemoryPoolMXBean> pools = new ArrayList<>();

    Heap() {
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          pools.add(pool);
        }
      }
      for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        ((NotificationEmitter) gc)
            .addNotificationListener(
                (n, hb) -> {
                  if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                      n.getType())) {
                    return;
                  }
                  var info =
                      GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                  long used =
                      info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                          .mapToLong(MemoryUsage::getUsed)
                          .sum();
                  peakAfterGc.accumulateAndGet(used, Math::max);
                },
                null,
                null);
      }
    }

    /** Returns the heap in use after full collections. */
    long live() {
      for (int i = 0; i < 3; i++) {
        System.gc();
      }
      return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    <T> T measure(String phase, Supplier<T> action) {
      long before = live();
      pools.forEach(MemoryPoolMXBean::resetPeakUsage);
      peakAfterGc.set(0);
      long t0 = System.nanoTime();
      T result = action.get();
      long nanos = System.nanoTime() - t0;
      long peak = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
      long after = live();
      System.out.printf(
          Locale.ROOT,
          "%-45s %7.2f s   heap: %,6d MB live before, %,6d MB peak after GC, %,6d MB peak,"
              + " %,6d MB live after%n",
          phase,
          nanos / 1e9,
          before >> 20,
          Math.max(peakAfterGc.get(), 0) >> 20,
          peak >> 20,
          after >> 20);
      return result;
    }
  }
}
