package io.ecdp.customers.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.model.CustomerDetails;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import io.ecdp.customers.sandbox.CustomersSandbox;
import io.ecdp.customers.sandbox.SandboxStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * 64 threads share one client against the sandbox for 100,000 mixed calls: no unexpected error, and
 * the sandbox's final state equals the state computed from what the callers were told.
 */
class LoadIT {

  private static final int THREADS = 64;
  private static final int CALLS = 100_000;
  private static final int KEYS_PER_THREAD = 20;

  @Test
  void sixtyFourThreads_hundredThousandCalls_nothingLostNothingDuplicated() throws Exception {
    try (CustomersSandbox sandbox = CustomersSandbox.builder().start();
        CustomersClient client =
            CustomersClient.builder()
                .apiKey(sandbox.apiKey())
                .baseUri(sandbox.uri())
                .maxConnections(THREADS)
                .build()) {
      // What each caller was told: the last successful write per key (each thread owns its keys).
      Map<String, String> expected = new ConcurrentHashMap<>();
      AtomicInteger calls = new AtomicInteger();
      AtomicInteger unexpected = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  Random random = new Random(thread);
                  Map<String, String> mine = new HashMap<>();
                  int share = CALLS / THREADS + (thread < CALLS % THREADS ? 1 : 0);
                  for (int i = 0; i < share; i++) {
                    String key = "t" + thread + "-k" + random.nextInt(KEYS_PER_THREAD);
                    int action = random.nextInt(10);
                    try {
                      if (action < 5) {
                        String name = "v" + i;
                        client
                            .customers()
                            .upsert(
                                UpsertMode.ADD_OR_UPDATE,
                                MatchBy.CRM_ID,
                                List.of(
                                    CustomerRecord.builder().crmId(key).firstName(name).build()));
                        mine.put(key, name);
                      } else if (action < 9) {
                        String seen =
                            client
                                .customers()
                                .get(CustomerKey.crmId(key))
                                .customer()
                                .map(CustomerDetails::firstName)
                                .orElse(null);
                        if (!java.util.Objects.equals(seen, mine.get(key))) {
                          unexpected
                              .incrementAndGet(); // a read that disagrees with what we were told
                        }
                      } else {
                        boolean deleted =
                            client.customers().delete(CustomerKey.crmId(key)).deleted();
                        if (deleted != mine.containsKey(key)) {
                          unexpected.incrementAndGet();
                        }
                        mine.remove(key);
                      }
                      calls.incrementAndGet();
                    } catch (RuntimeException e) {
                      unexpected.incrementAndGet();
                    }
                  }
                  expected.putAll(mine);
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      pool.shutdown();

      Map<String, String> actual = new HashMap<>();
      for (SandboxStore.Entry e : sandbox.store().snapshot()) {
        assertThat(actual.put(e.details().crmId(), e.details().firstName()))
            .as("no duplicate")
            .isNull();
      }
      assertThat(unexpected.get()).as("unexpected errors or stale reads").isZero();
      assertThat(calls.get()).isEqualTo(CALLS);
      assertThat(actual).isEqualTo(expected);
      Figures.write(
          "load",
          Map.of(
              "threads",
              THREADS,
              "calls",
              calls.get(),
              "unexpectedErrors",
              unexpected.get(),
              "customersAtEnd",
              actual.size()));
    }
  }
}
