package io.ecdp.customers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.errors.BadRequestException;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Concurrent writers over HTTP: no lost update, no duplicate, no broken index. */
class ConcurrentWritersTest {

  private static final int WRITERS = 16;
  private static final int ROUNDS = 40;

  @Test
  void concurrentBatches_endInTheStateTheirAnswersDescribe() throws Exception {
    try (CustomersSandbox sandbox = CustomersSandbox.builder().start();
        CustomersClient client = sandbox.client()) {
      ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
      AtomicInteger sharedAddsAccepted = new AtomicInteger();
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        futures.add(
            pool.submit(
                () -> {
                  for (int round = 0; round < ROUNDS; round++) {
                    // Each writer owns 5 customers and rewrites them every round.
                    List<CustomerRecord> batch = new ArrayList<>();
                    for (int c = 0; c < 5; c++) {
                      batch.add(
                          CustomerRecord.builder()
                              .crmId("w" + writer + "-c" + c)
                              .firstName("round-" + round)
                              .build());
                    }
                    client.customers().upsert(UpsertMode.ADD_OR_UPDATE, MatchBy.CRM_ID, batch);
                    // Every writer races for the same shared customer: one Add wins per key.
                    try {
                      client
                          .customers()
                          .upsert(
                              UpsertMode.ADD,
                              MatchBy.EMAIL,
                              List.of(
                                  CustomerRecord.builder()
                                      .email("shared-" + round + "@poczta.pl")
                                      .build()));
                      sharedAddsAccepted.incrementAndGet();
                    } catch (BadRequestException lost) {
                      // another writer added it first
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      pool.shutdown();

      assertThat(sharedAddsAccepted.get()).as("exactly one Add per shared key").isEqualTo(ROUNDS);
      assertThat(sandbox.store().size()).isEqualTo(WRITERS * 5 + ROUNDS);
      for (int w = 0; w < WRITERS; w++) {
        for (int c = 0; c < 5; c++) {
          assertThat(
                  client
                      .customers()
                      .get(CustomerKey.crmId("w" + w + "-c" + c))
                      .customer()
                      .orElseThrow()
                      .firstName())
              .isEqualTo("round-" + (ROUNDS - 1));
        }
      }
      assertThat(sandbox.store().indexesConsistent()).isTrue();
    }
  }
}
