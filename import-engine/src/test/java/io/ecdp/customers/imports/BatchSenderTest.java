package io.ecdp.customers.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.RetryPolicy;
import io.ecdp.customers.errors.RateLimitedException;
import io.ecdp.customers.errors.UnauthorizedException;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import io.ecdp.customers.sandbox.CustomersSandbox;
import io.ecdp.customers.sandbox.Faults;
import io.ecdp.customers.sandbox.RecordErrors;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The engine's delivery of one batch, against the sandbox over a real socket. */
class BatchSenderTest {

  /** Counts the requests the sandbox receives, before its key check. */
  @PreMatching
  @Priority(1)
  static final class CountRequests implements ContainerRequestFilter {
    final AtomicInteger posts = new AtomicInteger();

    @Override
    public void filter(ContainerRequestContext request) {
      if ("POST".equals(request.getMethod())) {
        posts.incrementAndGet();
      }
    }
  }

  /** What a listener heard. */
  static final class Heard implements BatchListener<Integer> {
    final List<Integer> accepted = new ArrayList<>();
    final Map<Integer, Refusal> refused = new TreeMap<>();
    int sending;
    int resending;

    @Override
    public void sending() {
      sending++;
    }

    @Override
    public void resending() {
      resending++;
    }

    @Override
    public void accepted(List<Integer> items) {
      accepted.addAll(items);
    }

    @Override
    public void refused(Integer item, Refusal why) {
      refused.put(item, why);
    }
  }

  private static CustomersClient client(CustomersSandbox sandbox, String key) {
    return CustomersClient.builder()
        .apiKey(key)
        .baseUri(sandbox.uri())
        .retryPolicy(RetryPolicy.builder().retryRateLimited(false).build())
        .build();
  }

  /**
   * 24 records: 0..23 are {@code c<i>@example.com}; 5 and 17 are already stored (refused under
   * Add); 9 has a phone with a space (refused by the client's checks, before anything is sent).
   */
  private static List<CustomerRecord> records() {
    List<CustomerRecord> out = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      CustomerRecord.Builder b =
          CustomerRecord.builder().email("c" + i + "@example.com").firstName("N" + i);
      if (i == 9) {
        b.phone("+48 500");
      }
      out.add(b.build());
    }
    return out;
  }

  private static List<Integer> indices(int n) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(i);
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(RecordErrors.class)
  void send_refusedBatch_storesEveryGoodRecordAndRefusesEachBadOneWithFieldAndRule(
      RecordErrors form) throws Exception {
    CountRequests count = new CountRequests();
    try (CustomersSandbox sandbox =
            CustomersSandbox.builder().port(0).recordErrors(form).register(count).start();
        CustomersClient client = client(sandbox, sandbox.apiKey())) {
      List<CustomerRecord> records = records();
      client.customers().upsert(UpsertMode.ADD, MatchBy.EMAIL, List.of(records.get(5)));
      client.customers().upsert(UpsertMode.ADD, MatchBy.EMAIL, List.of(records.get(17)));
      count.posts.set(0);
      BatchSender sender =
          BatchSender.builder(client.customers())
              .mode(UpsertMode.ADD)
              .matchBy(MatchBy.EMAIL)
              .build();
      Heard heard = new Heard();

      BatchOutcome<Integer> outcome = sender.send(indices(24), records::get, heard);

      assertThat(outcome.complete()).as(outcome.toString()).isTrue();
      assertThat(heard.refused).containsOnlyKeys(5, 9, 17);
      assertThat(heard.refused.get(9).byService()).as("refused locally").isFalse();
      assertThat(heard.refused.get(9).field()).isEqualTo("phone");
      assertThat(heard.refused.get(5).byService()).isTrue();
      assertThat(heard.refused.get(5).rule()).isNotBlank().doesNotContain("c5@example.com");
      assertThat(heard.accepted).hasSize(21).doesNotContain(5, 9, 17);
      assertThat(heard.sending).as("announced once").isEqualTo(1);
      for (int i : heard.accepted) {
        assertThat(client.customers().get(CustomerKey.email(records.get(i).email())).customer())
            .as("customer %d stored", i)
            .isPresent();
      }
      if (form == RecordErrors.INDEXED) {
        assertThat(count.posts.get())
            .as("named records peeled: one refusal, one resend")
            .isEqualTo(2);
      } else {
        assertThat(count.posts.get()).as("bisection takes more calls").isGreaterThan(2);
      }
    }
  }

  @Test
  void send_answered429_resendsThePartUnderTheThrottleUntilStored() throws Exception {
    Faults faults = Faults.NONE.withRateLimited(0.5, Duration.ofMillis(1)).withSeed(7);
    try (CustomersSandbox sandbox = CustomersSandbox.builder().port(0).faults(faults).start();
        CustomersClient client = client(sandbox, sandbox.apiKey())) {
      List<CustomerRecord> records = records().subList(10, 20);
      AtomicInteger waits = new AtomicInteger();
      BatchSender sender =
          BatchSender.builder(client.customers())
              .mode(UpsertMode.ADD_OR_UPDATE)
              .matchBy(MatchBy.EMAIL)
              .waiter(nanos -> waits.incrementAndGet())
              .build();
      int resent = 0;
      for (int i = 0; i < 10; i++) {
        Heard heard = new Heard();
        BatchOutcome<Integer> outcome = sender.send(List.of(i), records::get, heard);
        assertThat(outcome.complete()).as(outcome.toString()).isTrue();
        assertThat(heard.accepted).containsExactly(i);
        resent += heard.resending;
      }
      assertThat(resent).as("some parts were answered 429 and sent again").isPositive();
      assertThat(waits.get()).as("each resend waited first").isEqualTo(resent);
      assertThat(sender.throttle().refusedCalls()).isEqualTo(resent);
      assertThat(sandbox.store().size()).isEqualTo(10);
    }
  }

  @Test
  void send_429BudgetSpent_failsRetriablyWithEveryItemUnfinished() throws Exception {
    Faults faults = Faults.NONE.withRateLimited(1.0, Duration.ofSeconds(2));
    try (CustomersSandbox sandbox = CustomersSandbox.builder().port(0).faults(faults).start();
        CustomersClient client = client(sandbox, sandbox.apiKey())) {
      AtomicInteger waits = new AtomicInteger();
      BatchSender sender =
          BatchSender.builder(client.customers())
              .mode(UpsertMode.ADD_OR_UPDATE)
              .matchBy(MatchBy.EMAIL)
              .maxRateLimited(3)
              .waiter(nanos -> waits.incrementAndGet())
              .build();
      List<CustomerRecord> records = records();

      BatchOutcome<Integer> outcome = sender.send(List.of(0, 1, 2), records::get, new Heard());

      assertThat(outcome.complete()).isFalse();
      assertThat(outcome.failure()).containsInstanceOf(RateLimitedException.class);
      assertThat(outcome.retriable()).isTrue();
      assertThat(outcome.retryAfter()).contains(Duration.ofSeconds(2));
      assertThat(outcome.unfinished()).containsExactly(0, 1, 2);
      assertThat(waits.get()).as("waited between the 3 tries").isEqualTo(2);
    }
  }

  @Test
  void send_keyRefused_haltsTheSenderForEveryLaterBatch() throws Exception {
    CountRequests count = new CountRequests();
    try (CustomersSandbox sandbox = CustomersSandbox.builder().port(0).register(count).start();
        CustomersClient client = client(sandbox, "not-the-key")) {
      BatchSender sender =
          BatchSender.builder(client.customers())
              .mode(UpsertMode.ADD)
              .matchBy(MatchBy.EMAIL)
              .build();
      List<CustomerRecord> records = records();

      BatchOutcome<Integer> first = sender.send(List.of(0, 1), records::get, new Heard());
      BatchOutcome<Integer> second = sender.send(List.of(2, 3), records::get, new Heard());

      assertThat(first.failure()).containsInstanceOf(UnauthorizedException.class);
      assertThat(first.retriable()).isFalse();
      assertThat(second.failure()).isEqualTo(first.failure());
      assertThat(second.unfinished()).containsExactly(2, 3);
      assertThat(count.posts.get()).as("the second batch was not sent").isEqualTo(1);
    }
  }

  @Test
  void stop_leavesTheBatchUnsentAndUnfinished() throws Exception {
    CountRequests count = new CountRequests();
    try (CustomersSandbox sandbox = CustomersSandbox.builder().port(0).register(count).start();
        CustomersClient client = client(sandbox, sandbox.apiKey())) {
      BatchSender sender =
          BatchSender.builder(client.customers())
              .mode(UpsertMode.ADD)
              .matchBy(MatchBy.EMAIL)
              .build();
      sender.stop();
      Heard heard = new Heard();

      BatchOutcome<Integer> outcome = sender.send(List.of(0, 1), records()::get, heard);

      assertThat(outcome.interrupted()).isTrue();
      assertThat(outcome.failure()).isEmpty();
      assertThat(outcome.unfinished()).containsExactly(0, 1);
      assertThat(heard.sending).isZero();
      assertThat(count.posts.get()).isZero();
    }
  }
}
