package io.ecdp.customers.kafka.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecdp.customers.model.CustomAttribute;
import io.ecdp.customers.model.CustomerDetails;
import io.ecdp.customers.sandbox.CustomersSandbox;
import io.ecdp.customers.sandbox.Faults;
import io.ecdp.customers.sandbox.SandboxStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The sink connector on a real cluster (one KRaft broker, two Connect workers, started once for the
 * class), loaded from plugin.path, against the sandbox over HTTP. The scenarios run in order on the
 * one cluster; the last one reads the logs and REST answers the others left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CustomersSinkClusterIT {

  /** Distinctive keys: neither may ever be in a log line or (the provided one) a REST answer. */
  private static final String PROVIDED_KEY =
      "k-provided-" + Long.toHexString(Double.doubleToLongBits(Math.random())) + "-zq9";

  private static final String PLAIN_KEY =
      "k-plain-" + Long.toHexString(Double.doubleToLongBits(Math.random())) + "-zq9";

  private static final int STREAM_RECORDS = Integer.getInteger("ecdp.it.records", 100_000);

  /**
   * Calls a second the rate-limited sandbox answers. The throttle probes above an allowance it has
   * found about once in 2 s (it raises the pace by 5% a second of successful calls), so the share
   * of 429s that probing costs falls as the allowance grows: about 2.5% at 20 calls/s, 1.2% at 40.
   */
  private static final int RATE_ALLOWANCE = 40;

  private ConnectCluster cluster;
  private final List<AutoCloseable> closing = new ArrayList<>();

  /** The REST answers about each connector, read while it ran: checked for keys at the end. */
  private final Map<String, String> restAnswers = new LinkedHashMap<>();

  private Path keyFile;

  @BeforeAll
  void startCluster() throws Exception {
    Files.deleteIfExists(ConnectCluster.TARGET.resolve("kafka-connect-it/figures.txt"));
    long t0 = System.nanoTime();
    cluster = ConnectCluster.start("ecdp-sink");
    keyFile = ConnectCluster.TARGET.resolve("kafka-connect-it/ecdp-secrets.properties");
    Files.createDirectories(keyFile.getParent());
    Files.writeString(keyFile, "ecdp.api.key=" + PROVIDED_KEY + "\n", StandardCharsets.UTF_8);
    report("cluster started in %.1f s", (System.nanoTime() - t0) / 1e9);
  }

  @AfterAll
  void stopCluster() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void connectorIsLoadedFromPluginPathAndNotFromTheTestClassPath() {
    assertThatThrownBy(() -> Class.forName(ConnectCluster.CONNECTOR_CLASS))
        .isInstanceOf(ClassNotFoundException.class);
    assertThat(cluster.get("connector-plugins")).contains(ConnectCluster.CONNECTOR_CLASS);
  }

  @Test
  @Order(2)
  void streamOfCustomersEndsExactlyInSandboxAndDlqThroughTaskRestartAndWorkerLoss()
      throws Exception {
    long t0 = System.nanoTime();
    SandboxTraffic traffic = new SandboxTraffic();
    CustomersSandbox sandbox = sandbox(Faults.NONE, traffic, PROVIDED_KEY);
    String topic = "customers";
    String dlq = "customers-dlq";
    String name = "ecdp-stream";
    cluster.connect.kafka().createTopic(topic, 4);
    List<TestCustomers.Row> rows = TestCustomers.generate("stream", STREAM_RECORDS, 100, 7);
    List<TestCustomers.Row> good = rows.stream().filter(TestCustomers.Row::good).toList();
    List<TestCustomers.Row> bad = rows.stream().filter(r -> !r.good()).toList();

    Map<String, String> config = connector(topic, sandbox, "${file:" + keyFile + ":ecdp.api.key}");
    config.put("tasks.max", "2");
    config.put("ecdp.batch.size", "500");
    config.put("errors.tolerance", "all");
    config.put("errors.deadletterqueue.topic.name", dlq);
    config.put("errors.deadletterqueue.topic.replication.factor", "1");
    config.put("errors.deadletterqueue.context.headers.enable", "true");
    cluster.connect.configureConnector(name, config);
    cluster
        .connect
        .assertions()
        .assertConnectorAndExactlyNumTasksAreRunning(name, 2, "the sink did not start");

    // The stream arrives in four parts; a task is restarted while the first is being written,
    // and a worker stops while the third is.
    int quarter = rows.size() / 4;
    cluster.produce(topic, entries(rows.subList(0, quarter)));
    ConnectCluster.await(
        Duration.ofMinutes(1), "first records", () -> sandbox.store().size() >= quarter / 3);
    int storedAtRestart = sandbox.store().size();
    cluster.connect.restartTask(name, 0);
    cluster.produce(topic, entries(rows.subList(quarter, 3 * quarter)));
    ConnectCluster.await(
        Duration.ofSeconds(90), "half the records", () -> sandbox.store().size() >= 2 * quarter);
    int storedAtWorkerLoss = sandbox.store().size();
    cluster.connect.removeWorker();
    cluster.produce(topic, entries(rows.subList(3 * quarter, rows.size())));

    ConnectCluster.await(
        Duration.ofMinutes(2),
        "every good record stored",
        () -> sandbox.store().size() >= good.size());
    waitUntilCommitted("connect-" + name, topic, Duration.ofMinutes(1));
    List<ConsumerRecord<byte[], byte[]>> dead =
        cluster.consume(dlq, bad.size(), Duration.ofSeconds(30));
    double seconds = (System.nanoTime() - t0) / 1e9;

    for (String resource : List.of("/config", "", "/status", "/tasks")) {
      restAnswers.put(name + resource, cluster.get("connectors/" + name + resource));
    }
    cluster.connect.stopConnector(name);
    cluster.connect.assertions().assertConnectorIsStopped(name, "the sink did not stop");
    cluster.connect.addWorker();

    // The sandbox holds exactly the good records, with their values.
    Map<String, CustomerDetails> stored = new HashMap<>();
    for (SandboxStore.Entry e : sandbox.store().snapshot()) {
      stored.put(e.details().email(), e.details());
    }
    assertThat(stored).hasSize(good.size());
    for (TestCustomers.Row row : good) {
      CustomerDetails d = stored.get(row.key());
      assertThat(d).as(row.key()).isNotNull();
      assertThat(actual(d)).as(row.key()).isEqualTo(row.expected());
    }

    // The DLQ holds exactly the bad records (a record sent again after a failure may be there
    // twice: at least once), each with the field and rule it broke.
    Map<String, TestCustomers.Row> badByValue = new HashMap<>();
    bad.forEach(r -> badByValue.put(r.json(), r));
    Set<String> deadValues = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> r : dead) {
      String value = new String(r.value(), StandardCharsets.UTF_8);
      TestCustomers.Row row = badByValue.get(value);
      assertThat(row).as("a DLQ record that is not a bad one: %s", value).isNotNull();
      Header h = r.headers().lastHeader("__connect.errors.exception.message");
      assertThat(h).as("reason header of %s", row.key()).isNotNull();
      String reason = new String(h.value(), StandardCharsets.UTF_8);
      assertThat(reason).as("reason of %s", value).contains(row.field()).contains(row.rule());
      deadValues.add(value);
    }
    assertThat(deadValues).isEqualTo(badByValue.keySet());

    List<String> log = ConnectCluster.logLines();
    TaskCounters counters = TaskCounters.of(log, name);
    long resentToSandbox = traffic.storedRecords.get() - good.size();
    report(
        "stream: %,d records (%,d good, %,d bad) in %.1f s, through a task restart (at %,d stored)"
            + " and a worker loss (at %,d stored)",
        rows.size(), good.size(), bad.size(), seconds, storedAtRestart, storedAtWorkerLoss);
    report(
        "stream: redelivered: %,d records stored again by the sandbox (%,d upserts, %,d records),"
            + " %,d DLQ duplicates; task logs: accepted=%,d dlq=%,d redelivered=%,d over %d task"
            + " instances",
        resentToSandbox,
        traffic.storedUpserts.get(),
        traffic.storedRecords.get(),
        dead.size() - deadValues.size(),
        counters.accepted(),
        counters.dlq(),
        counters.redelivered(),
        counters.instances());
    assertThat(counters.lines()).as("the tasks' counter lines").isPositive();
    assertThat(counters.accepted()).isGreaterThanOrEqualTo(good.size());
    assertThat(counters.dlq()).isGreaterThanOrEqualTo(bad.size());
  }

  @Test
  @Order(3)
  void updatesOfTheSameCustomersApplyInOrderAndTheLastOneWins() throws Exception {
    SandboxTraffic traffic = new SandboxTraffic();
    CustomersSandbox sandbox = sandbox(Faults.NONE, traffic, PLAIN_KEY);
    String topic = "customer-updates";
    String name = "ecdp-ordering";
    cluster.connect.kafka().createTopic(topic, 1);
    int customers = 5;
    int updates = 200;
    List<Map.Entry<String, String>> records = new ArrayList<>();
    Map<String, String> last = new TreeMap<>();
    for (int n = 0; n < updates; n++) {
      String email = "ordering." + (n % customers) + "@example.com";
      String first = "v" + n;
      records.add(
          Map.entry(
              email,
              "{\"email\":\""
                  + email
                  + "\",\"firstName\":\""
                  + first
                  + "\",\"lastName\":\"Nowak\"}"));
      last.put(email, first);
    }
    Map<String, String> config = connector(topic, sandbox, PLAIN_KEY);
    config.put("tasks.max", "1");
    config.put("ecdp.batch.size", "7");
    config.put("ecdp.max.in.flight", "4");
    cluster.connect.configureConnector(name, config);
    cluster
        .connect
        .assertions()
        .assertConnectorAndExactlyNumTasksAreRunning(name, 1, "the sink did not start");
    cluster.produce(topic, records);
    ConnectCluster.await(
        Duration.ofMinutes(1),
        "the last update of each customer",
        () -> last.equals(firstNames(sandbox)));
    waitUntilCommitted("connect-" + name, topic, Duration.ofSeconds(30));
    for (String resource : List.of("/config", "", "/status", "/tasks")) {
      restAnswers.put(name + resource, cluster.get("connectors/" + name + resource));
    }
    cluster.connect.stopConnector(name);

    assertThat(firstNames(sandbox)).isEqualTo(last);
    int applied = 0;
    for (Map.Entry<String, List<String>> e : traffic.appliedFirstNames.entrySet()) {
      List<Integer> versions =
          e.getValue().stream().map(v -> Integer.parseInt(v.substring(1))).toList();
      assertThat(versions).as("updates of %s in the order applied", e.getKey()).isSorted();
      assertThat(new HashSet<>(versions)).as("updates of %s", e.getKey()).hasSize(versions.size());
      applied += versions.size();
    }
    report(
        "ordering: %d updates of %d customers in one partition, %d applied in %d upserts, each"
            + " customer's in order; final state = last update",
        updates, customers, applied, traffic.storedUpserts.get());
    assertThat(applied).isEqualTo(updates);
  }

  @Test
  @Order(4)
  void underAnAllowanceFewCallsAreRefusedAndMostOfTheAllowanceIsUsed() throws Exception {
    SandboxTraffic traffic = new SandboxTraffic();
    CustomersSandbox sandbox =
        sandbox(Faults.NONE.withAllowance(RATE_ALLOWANCE), traffic, PLAIN_KEY);
    String topic = "rate-limited";
    String name = "ecdp-rate";
    cluster.connect.kafka().createTopic(topic, 1);
    int batch = 10;
    // About 30 s at the allowance: a sync runs for long, and the throttle finds the allowance in
    // its first seconds (where most 429s are); a shorter run would weigh that search alone.
    int records = RATE_ALLOWANCE * batch * 30;
    List<TestCustomers.Row> rows = TestCustomers.generate("rate", records, 0, 11);
    // Written before the connector starts: the sink is never short of records.
    cluster.produce(topic, entries(rows));
    Map<String, String> config = connector(topic, sandbox, PLAIN_KEY);
    config.put("tasks.max", "1");
    config.put("ecdp.batch.size", Integer.toString(batch));
    cluster.connect.configureConnector(name, config);
    ConnectCluster.await(
        Duration.ofSeconds(90), "every record stored", () -> sandbox.store().size() >= records);
    cluster.connect.stopConnector(name);

    long accepted = traffic.calls.get() - traffic.rateLimited.get();
    double seconds = traffic.seconds();
    // The allowance is a bucket holding one second's calls, refilled continuously.
    double allowed = RATE_ALLOWANCE * (seconds + 1);
    double used = accepted / allowed;
    report(
        "rate limit: %,d records in %,d calls over %.1f s at an allowance of %d/s: %d answered"
            + " 429 (%.1f%%; per second: %s; %d after the first 3 s), %.1f%% of the allowance"
            + " used",
        records,
        traffic.calls.get(),
        seconds,
        RATE_ALLOWANCE,
        traffic.rateLimited.get(),
        100 * traffic.rateLimitedShare(),
        traffic.rateLimitedPerSecond(),
        traffic.rateLimitedPerSecond().stream().skip(3).mapToInt(Integer::intValue).sum(),
        100 * used);
    assertThat(sandbox.store().size()).isEqualTo(records);
    assertThat(traffic.rateLimitedShare())
        .as("share of calls answered 429")
        .isLessThanOrEqualTo(0.05);
    assertThat(used).as("share of the allowance used").isGreaterThanOrEqualTo(0.90);
  }

  @Test
  @Order(5)
  void theApiKeyIsInNoWorkerLogLineAndTheProvidedOneInNoRestAnswer() throws Exception {
    List<String> log = ConnectCluster.logLines();
    long traceLines = log.stream().filter(l -> l.contains("] TRACE [")).count();
    assertThat(traceLines).as("TRACE lines captured").isPositive();
    assertThat(log).as("the cluster's log at TRACE").noneMatch(l -> l.contains(PROVIDED_KEY));
    // A key set as a plain value is in Connect's own lines only: the test kit's REST client
    // (this test's requests, logged by the kit) and the worker's RestClient, which logs at TRACE
    // the body of a request it forwards to the leader. Never in the connector's, the client's or
    // its transport's lines.
    List<String> plainKeyLines = log.stream().filter(l -> l.contains(PLAIN_KEY)).toList();
    assertThat(plainKeyLines)
        .as("lines with the plain key")
        .allMatch(
            l ->
                l.endsWith("(org.apache.kafka.connect.util.clusters.EmbeddedConnect)")
                    || l.endsWith("(org.apache.kafka.connect.runtime.rest.RestClient)"));
    long forwarded =
        plainKeyLines.stream()
            .filter(l -> l.endsWith("(org.apache.kafka.connect.runtime.rest.RestClient)"))
            .count();
    assertThat(restAnswers).isNotEmpty();
    restAnswers.forEach(
        (resource, body) -> assertThat(body).as(resource).doesNotContain(PROVIDED_KEY));
    assertThat(restAnswers.get("ecdp-stream/config")).contains("${file:");
    // Connect itself echoes a plain connector setting in its config answer: the control that the
    // search above finds a key where there is one, and why the key belongs in a config provider.
    assertThat(restAnswers.get("ecdp-ordering/config")).contains(PLAIN_KEY);
    report(
        "secrets: %,d log lines (%,d at TRACE, %.1f MB) and %d REST answers searched: the"
            + " provided key 0 times; the plain key in %d lines of Connect's own (%d by the"
            + " worker's RestClient forwarding at TRACE), none of the connector's, and echoed by"
            + " GET /connectors/<name>/config",
        log.size(),
        traceLines,
        Files.size(ConnectCluster.LOG_FILE) / 1e6,
        restAnswers.size(),
        plainKeyLines.size(),
        forwarded);
  }

  // ------------------------------------------------------------------ helpers

  private CustomersSandbox sandbox(Faults faults, SandboxTraffic traffic, String key) {
    CustomersSandbox sandbox =
        CustomersSandbox.builder().apiKeys(key).faults(faults).register(traffic).start();
    closing.add(sandbox);
    return sandbox;
  }

  private static Map<String, String> connector(String topic, CustomersSandbox sandbox, String key) {
    Map<String, String> c = new HashMap<>();
    c.put("connector.class", ConnectCluster.CONNECTOR_CLASS);
    c.put("topics", topic);
    c.put("ecdp.base.uri", sandbox.uri().toString());
    c.put("ecdp.api.key", key);
    c.put("ecdp.flush.interval.ms", "200");
    return c;
  }

  private static List<Map.Entry<String, String>> entries(List<TestCustomers.Row> rows) {
    return rows.stream().map(r -> Map.entry(r.key(), r.json())).toList();
  }

  private static TestCustomers.Expected actual(CustomerDetails d) {
    Map<String, String> attributes = new HashMap<>();
    List<CustomAttribute> list = d.customAttributes();
    if (list != null) {
      list.forEach(a -> attributes.put(a.name(), a.value()));
    }
    OffsetDateTime dob = d.dateOfBirth();
    return new TestCustomers.Expected(
        d.email(),
        d.phone(),
        d.crmId(),
        d.firstName(),
        d.lastName(),
        dob == null ? null : dob.toLocalDate().toString(),
        d.gender() == null ? null : d.gender().value(),
        attributes);
  }

  private static Map<String, String> firstNames(CustomersSandbox sandbox) {
    return sandbox.store().snapshot().stream()
        .map(SandboxStore.Entry::details)
        .collect(
            Collectors.toMap(
                CustomerDetails::email,
                d -> String.valueOf(d.firstName()),
                (a, b) -> b,
                TreeMap::new));
  }

  /** Waits until the sink's consumer group committed the end of every partition of the topic. */
  private void waitUntilCommitted(String group, String topic, Duration timeout) throws Exception {
    try (Admin admin = cluster.connect.kafka().createAdminClient()) {
      int partitions =
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int p = 0; p < partitions; p++) {
        latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
      Map<TopicPartition, Long> ends = new HashMap<>();
      admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
      ConnectCluster.await(
          timeout,
          "offsets of " + group + " committed to the end of " + topic,
          () -> {
            try {
              Map<TopicPartition, OffsetAndMetadata> committed =
                  admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
              return ends.entrySet().stream()
                  .allMatch(
                      e ->
                          committed.get(e.getKey()) != null
                              && committed.get(e.getKey()).offset() >= e.getValue());
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return false;
            } catch (java.util.concurrent.ExecutionException e) {
              return false;
            }
          });
    }
  }

  /**
   * Prints a figure to the test's output, and appends it to target/kafka-connect-it/figures.txt.
   */
  private static void report(String format, Object... args) throws java.io.IOException {
    String line = String.format(java.util.Locale.ROOT, format, args);
    System.out.println(line);
    Path figures = ConnectCluster.TARGET.resolve("kafka-connect-it/figures.txt");
    Files.createDirectories(figures.getParent());
    Files.writeString(
        figures,
        line + System.lineSeparator(),
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
  }
}
