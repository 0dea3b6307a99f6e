package io.ecdp.customers.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.model.CustomerDetails;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import io.ecdp.customers.sandbox.CustomersSandbox;
import io.ecdp.customers.sandbox.Faults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EcdpCustomersSinkTaskTest {

  private static final String KEY = "sandbox-key-7d41-never-logged";
  private static final String TOPIC = "customers";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
  }

  private CustomersSandbox sandbox(Faults faults) {
    CustomersSandbox s = CustomersSandbox.builder().apiKeys(KEY).faults(faults).start();
    closing.add(s);
    return s;
  }

  private static Map<String, String> props(CustomersSandbox sandbox, String... extra) {
    Map<String, String> p = new HashMap<>();
    p.put("name", "test-sink");
    p.put(EcdpCustomersSinkConfig.API_KEY, KEY);
    p.put(EcdpCustomersSinkConfig.BASE_URI, sandbox.uri().toString());
    p.put(EcdpCustomersSinkConfig.FLUSH_INTERVAL_MS, "20");
    p.put(EcdpCustomersSinkConfig.BATCH_SIZE, "50");
    for (int i = 0; i < extra.length; i += 2) {
      p.put(extra[i], extra[i + 1]);
    }
    return p;
  }

  private EcdpCustomersSinkTask task(TestContext ctx, Collection<TopicPartition> partitions) {
    EcdpCustomersSinkTask task = new EcdpCustomersSinkTask();
    task.initialize(ctx);
    task.start(ctx.configs());
    closing.add(task::stop);
    task.open(partitions);
    return task;
  }

  private static String email(int customer) {
    return "customer." + customer + "@example.com";
  }

  private static Map<String, Object> customer(int customer, String firstName) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("email", email(customer));
    m.put("firstName", firstName);
    return m;
  }

  private static SinkRecord record(TopicPartition tp, long offset, @Nullable Object value) {
    return new SinkRecord(tp.topic(), tp.partition(), null, null, null, value, offset);
  }

  private static SinkRecord keyed(TopicPartition tp, long offset, Object key, @Nullable Object v) {
    return new SinkRecord(tp.topic(), tp.partition(), Schema.STRING_SCHEMA, key, null, v, offset);
  }

  private static List<SinkRecord> records(TopicPartition tp, long from, int count) {
    List<SinkRecord> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long offset = from + i;
      list.add(record(tp, offset, customer((int) offset + 1000 * tp.partition(), "n" + offset)));
    }
    return list;
  }

  /** Delivers as Connect does: after a RetriableException, the same records again. */
  private static int deliver(EcdpCustomersSinkTask task, TestContext ctx, List<SinkRecord> batch)
      throws InterruptedException {
    int retries = 0;
    while (true) {
      try {
        task.put(batch);
        return retries;
      } catch (RetriableException e) {
        retries++;
        assertThat(ctx.timeouts).isNotEmpty();
        assertThat(ctx.timeouts.get(ctx.timeouts.size() - 1)).isPositive();
        assertThat(retries).as("redeliveries of one batch").isLessThan(500);
        Thread.sleep(20);
      }
    }
  }

  /** Polls as Connect does (empty puts, commits) until {@code tp} commits {@code expected}. */
  private static long awaitCommitted(
      EcdpCustomersSinkTask task, TestContext ctx, TopicPartition tp, long expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    long committed = -1;
    while (System.nanoTime() < deadline) {
      deliver(task, ctx, List.of());
      Map<TopicPartition, OffsetAndMetadata> offsets =
          task.preCommit(Map.of(tp, new OffsetAndMetadata(expected)));
      if (offsets.containsKey(tp)) {
        committed = offsets.get(tp).offset();
        assertThat(committed).isLessThanOrEqualTo(expected);
        if (committed == expected) {
          return committed;
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("committed " + committed + ", expected " + expected);
  }

  private static Optional<CustomerDetails> stored(CustomersSandbox sandbox, int customer) {
    return sandbox.store().find(CustomerKey.email(email(customer)));
  }

  private static long counter(List<String> lines, String name) {
    Pattern p = Pattern.compile("ecdp sink task \\S+: .*\\b" + name + "=(\\d+)");
    long last = -1;
    for (String line : lines) {
      Matcher m = p.matcher(line);
      if (m.find()) {
        last = Long.parseLong(m.group(1));
      }
    }
    return last;
  }

  @Test
  void put_acceptedRecordsAreStoredAndCommitted() throws Exception {
    CustomersSandbox sandbox = sandbox(Faults.NONE);
    TestContext ctx = new TestContext(props(sandbox), true);
    EcdpCustomersSinkTask task = task(ctx, List.of(P0, P1));
    deliver(task, ctx, records(P0, 0, 120));
    deliver(task, ctx, records(P1, 0, 30));
    assertThat(awaitCommitted(task, ctx, P0, 120)).isEqualTo(120);
    assertThat(awaitCommitted(task, ctx, P1, 30)).isEqualTo(30);
    assertThat(sandbox.store().size()).isEqualTo(150);
    assertThat(stored(sandbox, 119).orElseThrow().firstName()).isEqualTo("n119");
    assertThat(ctx.reporter.reported).isEmpty();
  }

  @Test
  void put_locallyRefusedRecordGoesToReporterWithFieldAndRule() throws Exception {
    CustomersSandbox sandbox = sandbox(Faults.NONE);
    TestContext ctx = new TestContext(props(sandbox), true);
    EcdpCustomersSinkTask task = task(ctx, List.of(P0));
    Map<String, Object> wrong = new LinkedHashMap<>();
    wrong.put("email", 42);
    Map<String, Object> noKey = new LinkedHashMap<>();
    noKey.put("firstName", "Nobody");
    Map<String, Object> badPhone = customer(3, "Phil");
    badPhone.put("phone", "123 456 789");
    deliver(
        task,
        ctx,
        List.of(
            record(P0, 0, customer(1, "a")),
            record(P0, 1, wrong),
            record(P0, 2, noKey),
            record(P0, 3, badPhone),
            record(P0, 4, customer(2, "b"))));
    assertThat(awaitCommitted(task, ctx, P0, 5)).isEqualTo(5);
    assertThat(ctx.reporter.reported)
        .extracting(r -> r.record().kafkaOffset())
        .containsExactlyInAnyOrder(1L, 2L, 3L);
    Map<Long, String> messages = new HashMap<>();
    ctx.reporter.reported.forEach(
        r -> messages.put(r.record().kafkaOffset(), r.error().getMessage()));
    assertThat(messages.get(1L)).isEqualTo("email: expected a string, got INT32");
    assertThat(messages.get(2L)).isEqualTo("email: required, not blank, when matching by Email");
    assertThat(messages.get(3L)).contains("phone").doesNotContain("123 456 789");
    assertThat(messages.values()).noneMatch(m -> m.contains("@example.com"));
    assertThat(sandbox.store().size()).isEqualTo(2);
  }

  @Test
  void put_serviceRefusedRecordGoesToReporterWithFieldAndRule() throws Exception {
    CustomersSandbox sandbox = sandbox(Faults.NONE);
    sandbox
        .store()
        .upsert(
            UpsertMode.ADD_OR_UPDATE,
            MatchBy.EMAIL,
            List.of(CustomerRecord.builder().email(email(1)).firstName("old").build()));
    TestContext ctx = new TestContext(props(sandbox, EcdpCustomersSinkConfig.MODE, "Update"), true);
    EcdpCustomersSinkTask task = task(ctx, List.of(P0));
    deliver(
        task,
        ctx,
        List.of(
            record(P0, 0, customer(1, "new")),
            record(P0, 1, customer(2, "x")),
            record(P0, 2, customer(3, "y"))));
    assertThat(awaitCommitted(task, ctx, P0, 3)).isEqualTo(3);
    assertThat(stored(sandbox, 1).orElseThrow().firstName()).isEqualTo("new");
    assertThat(ctx.reporter.reported)
        .extracting(r -> r.record().kafkaOffset())
        .containsExactlyInAnyOrder(1L, 2L);
    // Connect's reporter is not documented as thread-safe: only the task's thread calls it.
    assertThat(ctx.reporter.threads).containsExactly(Thread.currentThread().getName());
    for (TestContext.Reported r : ctx.reporter.reported) {
      assertThat(r.error().getMessage())
          .contains("email")
          .contains("no customer has this email")
          .doesNotContain("@example.com");
    }
  }

  @Test
  void put_refusedWithoutReporter_failsWithHowToConfigureOne() throws Exception {
    CustomersSandbox sandbox = sandbox(Faults.NONE);
    TestContext ctx = new TestContext(props(sandbox), false);
    EcdpCustomersSinkTask task = task(ctx, List.of(P0));
    Map<String, Object> wrong = new LinkedHashMap<>();
    wrong.put("email", 42);
    assertThatThrownBy(
            () -> task.put(List.of(record(P0, 0, customer(1, "a")), record(P0, 1, wrong))))
        .isInstanceOf(ConnectException.class)
        .isNotInstanceOf(RetriableException.class)
        .hasMessageContaining("email: expected a string, got INT32")
        .hasMessageContaining("errors.tolerance=all")
        .hasMessageContaining("errors.deadletterqueue.topic.name=")
        .hasMessageContaining("errors.deadletterqueue.context.headers.enable=true");
    // The refused record is never committed past.
    Map<TopicPartition, OffsetAndMetadata> offsets =
        task.preCommit(Map.of(P0, new OffsetAndMetadata(2)));
    assertThat(offsets.getOrDefault(P0, new OffsetAndMetadata(0)).offset()).isLessThanOrEqualTo(1);
  }

  @Test
  void put_serviceUnavailable_isRetriableWithTimeout_thenEveryRecordIsStoredOnce()
      throws Exception {
    CustomersSandbox sandbox = sandbox(Faults.NONE.withUnavailable(0.75).withSeed(11));
    TestContext ctx =
        new TestContext(props(sandbox, EcdpCustomersSinkConfig.BATCH_SIZE, "20"), true);
    int retries = 0;
    try (LogCapture logs = new LogCapture()) {
      EcdpCustomersSinkTask task = task(ctx, List.of(P0));
      for (int from = 0; from < 200; from += 40) {
        retries += deliver(task, ctx, records(P0, from, 40));
      }
      awaitCommitted(task, ctx, P0, 200);
      task.stop();
      List<String> lines = logs.lines();
      assertThat(retries).isNotNegative();
      assertThat(ctx.timeouts).isNotEmpty();
      assertThat(counter(lines, "retriable")).isPositive();
      assertThat(counter(lines, "accepted")).isEqualTo(200);
      assertThat(lines).noneMatch(l -> l.contains(KEY));
    }
    assertThat(ctx.timeouts).isNotEmpty().allMatch(t -> t > 0);
    assertThat(sandbox.store().size()).isEqualTo(200);
    for (int i = 0; i < 200; i++) {
      assertThat(stored(sandbox, i).orElseThrow().firstName()).isEqualTo("n" + i);
    }
  }

  @Test
  void put_rateLimitedBeyondBudget_isRetriable_andRedeliveryIsIgnored() throws Exception {
    CustomersSandbox sandbox =
        sandbox(Faults.NONE.withRateLimited(0.6, Duration.ofSeconds(1)).withSeed(3));
    TestContext ctx =
        new TestContext(
            props(
                sandbox,
                EcdpCustomersSinkConfig.RATE_LIMITED_RETRIES,
                "1",
                EcdpCustomersSinkConfig.BATCH_SIZE,
                "10"),
            true);
    EcdpCustomersSinkTask task = task(ctx, List.of(P0));
    List<SinkRecord> batch = records(P0, 0, 30);
    int retries = deliver(task, ctx, batch);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (ctx.timeouts.isEmpty() && System.nanoTime() < deadline) {
      // Connect delivers the same batch again after a RetriableException: held, ignored.
      retries += deliver(task, ctx, batch);
      Thread.sleep(20);
    }
    assertThat(ctx.timeouts).isNotEmpty();
    assertThat(retries).isPositive();
    awaitCommitted(task, ctx, P0, 30);
    assertThat(sandbox.store().size()).isEqualTo(30);
  }

  @Test
  void put_beyondTheServicesAllowance_isPacedAndEveryRecordIsStored() throws Exception {
    CustomersSandbox sandbox = sandbox(Faults.NONE.withAllowance(5));
    TestContext ctx =
        new TestContext(
            props(
                sandbox,
                EcdpCustomersSinkConfig.BATCH_SIZE,
                "5",
                EcdpCustomersSinkConfig.MAX_IN_FLIGHT,
                "8"),
            true);
    EcdpCustomersSinkTask task = task(ctx, List.of(P0, P1));
    deliver(task, ctx, records(P0, 0, 40));
    deliver(task, ctx, records(P1, 0, 20));
    awaitCommitted(task, ctx, P0, 40);
    awaitCommitted(task, ctx, P1, 20);
    assertThat(sandbox.store().size()).isEqualTo(60);
    assertThat(ctx.reporter.reported).isEmpty();
  }

  @Test
  void open_ofAPartitionAlreadyHeld_keepsItsRecords() throws Exception {
    CustomersSandbox sandbox = sandbox(Faults.NONE);
    TestContext ctx =
        new TestContext(props(sandbox, EcdpCustomersSinkConfig.FLUSH_INTERVAL_MS, "300"), true);
    EcdpCustomersSinkTask task = task(ctx, List.of(P0));
    deliver(task, ctx, records(P0, 0, 3));
    task.open(List.of(P0, P1));
    deliver(task, ctx, records(P0, 3, 2));
    assertThat(awaitCommitted(task, ctx, P0, 5)).isEqualTo(5);
    assertThat(sandbox.store().size()).isEqualTo(5);
  }

  @Test
  void put_sameCustomerChangedUnderFailures_endsWithTheLastChange() throws Exception {
    CustomersSandbox sandbox = sandbox(Faults.NONE.withUnavailable(0.6).withSeed(5));
    TestContext ctx =
        new TestContext(
            props(
                sandbox,
                EcdpCustomersSinkConfig.BATCH_SIZE,
                "4",
                EcdpCustomersSinkConfig.FLUSH_INTERVAL_MS,
                "0"),
            true);
    EcdpCustomersSinkTask task = task(ctx, List.of(P0));
    long offset = 0;
    for (int change = 1; change <= 30; change++) {
      deliver(
          task,
          ctx,
          List.of(
              record(P0, offset++, customer(0, "v" + change)),
              record(P0, offset++, customer(100 + change % 5, "w" + change))));
    }
    awaitCommitted(task, ctx, P0, offset);
    assertThat(ctx.timeouts).isNotEmpty();
    assertThat(stored(sandbox, 0).orElseThrow().firstName()).isEqualTo("v30");
    for (int c = 0; c < 5; c++) {
      int last = 30 - ((30 - c) % 5);
      assertThat(stored(sandbox, 100 + c).orElseThrow().firstName()).isEqualTo("w" + last);
    }
  }

  @Test
  void put_sameCustomerChangedFiftyTimes_endsWithTheLastChange() throws Exception {
    CustomersSandbox sandbox = sandbox(Faults.NONE.withLatency(Duration.ofMillis(5)));
    TestContext ctx =
        new TestContext(
            props(
                sandbox,
                EcdpCustomersSinkConfig.BATCH_SIZE,
                "7",
                EcdpCustomersSinkConfig.MAX_IN_FLIGHT,
                "4",
                EcdpCustomersSinkConfig.FLUSH_INTERVAL_MS,
                "0"),
            true);
    EcdpCustomersSinkTask task = task(ctx, List.of(P0));
    long offset = 0;
    List<SinkRecord> put = new ArrayList<>();
    for (int change = 1; change <= 50; change++) {
      put.add(record(P0, offset++, customer(0, "v" + change)));
      put.add(record(P0, offset++, customer(change, "other")));
      if (change % 3 == 0) {
        deliver(task, ctx, put);
        put = new ArrayList<>();
      }
    }
    deliver(task, ctx, put);
    awaitCommitted(task, ctx, P0, offset);
    assertThat(stored(sandbox, 0).orElseThrow().firstName()).isEqualTo("v50");
    assertThat(sandbox.store().size()).isEqualTo(51);
  }

  @Test
  void preCommit_neverPassesAnUnfinishedRecord() throws Exception {
    CustomersSandbox sandbox = sandbox(Faults.NONE.withLatency(Duration.ofMillis(400)));
    TestContext ctx =
        new TestContext(props(sandbox, EcdpCustomersSinkConfig.FLUSH_INTERVAL_MS, "0"), true);
    EcdpCustomersSinkTask task = task(ctx, List.of(P0));
    List<SinkRecord> first = records(P0, 0, 10);
    first.add(record(P0, 10, null)); // a tombstone after unfinished records
    deliver(task, ctx, first);
    Map<TopicPartition, OffsetAndMetadata> early =
        task.preCommit(Map.of(P0, new OffsetAndMetadata(11)));
    assertThat(early.getOrDefault(P0, new OffsetAndMetadata(0)).offset()).isZero();
    assertThat(awaitCommitted(task, ctx, P0, 11)).isEqualTo(11);
    assertThat(sandbox.store().size()).isEqualTo(10);
  }

  @Test
  void tombstone_skip_isCommittedWithoutACall() throws Exception {
    CustomersSandbox sandbox = sandbox(Faults.NONE);
    TestContext ctx = new TestContext(props(sandbox), true);
    EcdpCustomersSinkTask task = task(ctx, List.of(P0));
    deliver(task, ctx, List.of(keyed(P0, 0, email(1), null), keyed(P0, 1, email(2), null)));
    Map<TopicPartition, OffsetAndMetadata> offsets =
        task.preCommit(Map.of(P0, new OffsetAndMetadata(2)));
    assertThat(offsets.get(P0).offset()).isEqualTo(2);
    assertThat(sandbox.store().size()).isZero();
  }

  @Test
  void tombstone_delete_deletesTheCustomerTheKeyNames_afterItsEarlierChanges() throws Exception {
    CustomersSandbox sandbox = sandbox(Faults.NONE);
    TestContext ctx =
        new TestContext(props(sandbox, EcdpCustomersSinkConfig.TOMBSTONE_BEHAVIOR, "delete"), true);
    EcdpCustomersSinkTask task = task(ctx, List.of(P0));
    deliver(
        task,
        ctx,
        List.of(
            keyed(P0, 0, email(1), customer(1, "a")),
            keyed(P0, 1, email(2), customer(2, "b")),
            keyed(P0, 2, email(1), null),
            keyed(P0, 3, email(9), null)));
    awaitCommitted(task, ctx, P0, 4);
    assertThat(stored(sandbox, 1)).isEmpty();
    assertThat(stored(sandbox, 2)).isPresent();
    assertThat(ctx.reporter.reported).isEmpty();
  }

  @Test
  void close_dropsBufferedRecords_whichAreTakenAgainWhenRedelivered() throws Exception {
    CustomersSandbox sandbox = sandbox(Faults.NONE);
    TestContext ctx =
        new TestContext(
            props(
                sandbox,
                EcdpCustomersSinkConfig.FLUSH_INTERVAL_MS,
                "600000",
                EcdpCustomersSinkConfig.BATCH_SIZE,
                "100"),
            true);
    EcdpCustomersSinkTask task = task(ctx, List.of(P0));
    deliver(task, ctx, records(P0, 0, 5));
    assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(5))).get(P0).offset()).isZero();
    task.close(List.of(P0));
    assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(5)))).isEmpty();
    Thread.sleep(100);
    assertThat(sandbox.store().size()).isZero();
    task.open(List.of(P0));
    deliver(task, ctx, records(P0, 0, 5));
    task.flush(Map.of());
    assertThat(awaitCommitted(task, ctx, P0, 5)).isEqualTo(5);
    assertThat(sandbox.store().size()).isEqualTo(5);
  }

  @Test
  void wrongKey_failsWithAClearMessage_andNoKeyInLogsOrMessages() throws Exception {
    CustomersSandbox sandbox = sandbox(Faults.NONE);
    String wrongKey = "wrong-key-3b9e-never-logged";
    TestContext ctx =
        new TestContext(props(sandbox, EcdpCustomersSinkConfig.API_KEY, wrongKey), true);
    List<String> messages = new ArrayList<>();
    try (LogCapture logs = new LogCapture()) {
      EcdpCustomersSinkTask task = task(ctx, List.of(P0));
      deliver(task, ctx, records(P0, 0, 3));
      ConnectException failure = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (failure == null && System.nanoTime() < deadline) {
        try {
          task.put(List.of());
          Thread.sleep(10);
        } catch (ConnectException e) {
          failure = e;
        }
      }
      assertThat(failure).isNotNull();
      assertThat(failure).isNotInstanceOf(RetriableException.class);
      assertThat(failure.getMessage()).contains("401").contains("ecdp.api.key");
      for (Throwable t = failure; t != null; t = t.getCause()) {
        messages.add(String.valueOf(t.getMessage()));
      }
      task.stop();
      messages.addAll(logs.lines());
    }
    assertThat(messages).isNotEmpty().noneMatch(m -> m.contains(wrongKey) || m.contains(KEY));
    assertThat(messages)
        .filteredOn(m -> m.startsWith("io.ecdp"))
        .noneMatch(m -> m.contains("@example.com"));
    assertThat(sandbox.store().size()).isZero();
  }

  @Test
  void stop_logsTheSummaryLine_withoutCustomerData() throws Exception {
    CustomersSandbox sandbox = sandbox(Faults.NONE);
    TestContext ctx = new TestContext(props(sandbox), true);
    try (LogCapture logs = new LogCapture()) {
      EcdpCustomersSinkTask task = task(ctx, List.of(P0));
      List<SinkRecord> batch = records(P0, 0, 4);
      deliver(task, ctx, batch);
      deliver(task, ctx, batch); // delivered again: ignored
      awaitCommitted(task, ctx, P0, 4);
      task.stop();
      List<String> lines = logs.lines();
      assertThat(lines)
          .anyMatch(
              l ->
                  l.matches(
                      ".*ecdp sink task test-sink-0: accepted=4 dlq=0 skipped=0 deleted=0"
                          + " redelivered=4 .*"));
      assertThat(lines)
          .filteredOn(m -> m.startsWith("io.ecdp"))
          .noneMatch(m -> m.contains("@example.com") || m.contains(KEY));
    }
  }
}
