package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.RetryPolicy;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import io.ecdp.customers.sandbox.CustomersSandbox;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The listener the command registers on its client counts what the server saw. */
class CallStatsTest {

  @Test
  void aCallTheClientRetriesAfter429_isOneCall_twoRequests_oneRetry_one429() throws Exception {
    AnswerFirstPosts first429 = new AnswerFirstPosts(1, 429, "0");
    CallStats stats = new CallStats();
    try (CustomersSandbox sandbox = CustomersSandbox.builder().register(first429).start();
        CustomersClient client =
            CustomersClient.builder()
                .apiKey(sandbox.apiKey())
                .baseUri(sandbox.uri())
                .retryPolicy(RetryPolicy.defaults()) // retries 429s, as get and upsert have it
                .addListener(stats)
                .build()) {
      client
          .customers()
          .upsert(
              UpsertMode.ADD_OR_UPDATE,
              MatchBy.EMAIL,
              List.of(CustomerRecord.builder().email("a@example.com").build()));
      assertThat(first429.posts.get()).isEqualTo(2);
      CallStats.Snapshot s = stats.snapshot();
      assertThat(s.calls()).isEqualTo(1);
      assertThat(s.requests()).as("as the server counted").isEqualTo(2);
      assertThat(s.retries()).isEqualTo(1);
      assertThat(s.answered()).isEqualTo(2);
      assertThat(s.rateLimited()).isEqualTo(1);
      assertThat(s.rateLimitedShare()).isEqualTo(0.5);
      assertThat(s.p50Nanos()).isPositive().isEqualTo(s.p99Nanos()); // one call: its duration

      // A customer that does not exist: an answer (404), not a failure, and no retry.
      assertThat(client.customers().get(CustomerKey.email("nobody@example.com")).customer())
          .isEmpty();
      s = stats.snapshot();
      assertThat(s.calls()).isEqualTo(2);
      assertThat(s.requests()).isEqualTo(3);
      assertThat(s.answered()).isEqualTo(3);
      assertThat(s.retries()).isEqualTo(1);
      assertThat(s.p50Nanos()).isLessThanOrEqualTo(s.p99Nanos());
    }
  }

  @Test
  void callsFromManyThreadsAtOnce_eachIsCountedOnce() throws Exception {
    CallStats stats = new CallStats();
    try (CustomersSandbox sandbox = CustomersSandbox.builder().start();
        CustomersClient client =
            CustomersClient.builder()
                .apiKey(sandbox.apiKey())
                .baseUri(sandbox.uri())
                .addListener(stats)
                .build()) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          int thread = t;
          done.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < 25; i++) {
                      client.customers().get(CustomerKey.email("c" + thread + i + "@example.com"));
                    }
                  }));
        }
        for (Future<?> f : done) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
    }
    CallStats.Snapshot s = stats.snapshot();
    assertThat(s.calls()).isEqualTo(200);
    assertThat(s.requests()).isEqualTo(200);
    assertThat(s.answered()).isEqualTo(200);
    assertThat(s.retries()).isZero();
    assertThat(s.rateLimited()).isZero();
    assertThat(s.rateLimitedShare()).isZero();
  }
}
