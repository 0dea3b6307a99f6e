package io.ecdp.bench;

import io.ecdp.customers.kafka.connect.EcdpCustomersSinkConfig;
import io.ecdp.customers.kafka.connect.EcdpCustomersSinkTask;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * Drives the connector's {@link EcdpCustomersSinkTask} the way a Connect worker's task thread does,
 * in a process of its own so that its CPU time can be measured alone: the values of a topic's
 * records (one JSON document a line, as a producer wrote them), read {@code poll} at a time as a
 * consumer fetches them, are turned into {@link SinkRecord}s by Connect's {@link JsonConverter}
 * (schemaless) and handed to {@code put}; at the end of the input {@code flush} sends the partial
 * batches and waits for every record, and {@code preCommit} must then commit the last offset.
 * Prints one line of JSON: records, seconds (first read to the last record finished) and the
 * process's CPU seconds in that window.
 *
 * <p>Arguments: the input file, the base URI, the batch size, the most batches in flight, the
 * records per poll, and how many polls between two calls of {@code preCommit} (0: none before the
 * end, as a worker whose {@code offset.flush.interval.ms}, 60 s by default, is longer than the
 * run).
 */
public final class SinkTaskDriver {

  private static final String TOPIC = "customers";

  private SinkTaskDriver() {}

  /** A worker's context with a dead letter queue that counts what it is given. */
  private static final class Context implements SinkTaskContext {
    final Map<String, String> configs;
    final Set<TopicPartition> assignment;
    final AtomicLong reported = new AtomicLong();
    final AtomicLong timeouts = new AtomicLong();
    final ErrantRecordReporter reporter =
        (record, error) -> {
          reported.incrementAndGet();
          return CompletableFuture.completedFuture(null);
        };

    Context(Map<String, String> configs, Set<TopicPartition> assignment) {
      this.configs = configs;
      this.assignment = assignment;
    }

    @Override
    public Map<String, String> configs() {
      return configs;
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {}

    @Override
    public void offset(TopicPartition tp, long offset) {}

    @Override
    public void timeout(long timeoutMs) {
      timeouts.incrementAndGet();
    }

    @Override
    public Set<TopicPartition> assignment() {
      return assignment;
    }

    @Override
    public void pause(TopicPartition... partitions) {}

    @Override
    public void resume(TopicPartition... partitions) {}

    @Override
    public void requestCommit() {}

    @Override
    public ErrantRecordReporter errantRecordReporter() {
      return reporter;
    }

    @Override
    public PluginMetrics pluginMetrics() {
      throw new UnsupportedOperationException("no metrics in the benchmark");
    }
  }

  /** Runs the task over the input and prints its figures. */
  public static void main(String[] args) throws IOException, InterruptedException {
    Path input = Path.of(args[0]);
    String baseUri = args[1];
    int batch = Integer.parseInt(args[2]);
    int inFlight = Integer.parseInt(args[3]);
    int poll = Integer.parseInt(args[4]);
    int commitEvery = Integer.parseInt(args[5]);
    Map<String, String> props = new HashMap<>();
    props.put("name", "bench-sink");
    props.put("connector.class", "io.ecdp.customers.kafka.connect.EcdpCustomersSinkConnector");
    props.put("topics", TOPIC);
    props.put(EcdpCustomersSinkConfig.API_KEY, "connect-benchmark");
    props.put(EcdpCustomersSinkConfig.BASE_URI, baseUri);
    props.put(EcdpCustomersSinkConfig.MODE, "AddOrUpdate");
    props.put(EcdpCustomersSinkConfig.MATCH_BY, "Email");
    props.put(EcdpCustomersSinkConfig.BATCH_SIZE, String.valueOf(batch));
    props.put(EcdpCustomersSinkConfig.MAX_IN_FLIGHT, String.valueOf(inFlight));
    TopicPartition tp = new TopicPartition(TOPIC, 0);
    Context context = new Context(props, Set.of(tp));
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of("schemas.enable", "false"), false);
    EcdpCustomersSinkTask task = new EcdpCustomersSinkTask();
    task.initialize(context);
    task.start(props);
    task.open(List.of(tp));
    long cpu0 = cpuNanos();
    long t0 = System.nanoTime();
    long offset = 0;
    long polls = 0;
    try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
      List<SinkRecord> records = new ArrayList<>(poll);
      String line;
      do {
        line = in.readLine();
        if (line != null) {
          byte[] value = line.getBytes(StandardCharsets.UTF_8); // what the consumer fetched
          SchemaAndValue v = converter.toConnectData(TOPIC, value);
          records.add(new SinkRecord(TOPIC, 0, null, null, v.schema(), v.value(), offset++));
        }
        if (records.size() == poll || (line == null && !records.isEmpty())) {
          task.put(records);
          records = new ArrayList<>(poll);
          if (commitEvery > 0 && ++polls % commitEvery == 0) {
            task.preCommit(Map.of(tp, new OffsetAndMetadata(offset)));
          }
        }
      } while (line != null);
    }
    // The end of the input: a worker's commit flushes; here it also sends the partial batches.
    Map<TopicPartition, OffsetAndMetadata> delivered = Map.of(tp, new OffsetAndMetadata(offset));
    task.flush(delivered);
    long t1 = System.nanoTime();
    long cpu1 = cpuNanos();
    OffsetAndMetadata committed = task.preCommit(delivered).get(tp);
    task.close(List.of(tp));
    task.stop();
    if (committed == null || committed.offset() != offset || context.reported.get() > 0) {
      System.err.printf(
          Locale.ROOT,
          "not every record was accepted: committed %s of %d, %d to the dead letter queue%n",
          committed,
          offset,
          context.reported.get());
      System.exit(1);
    }
    System.out.printf(
        Locale.ROOT,
        "{\"records\":%d,\"seconds\":%.3f,\"cpuSeconds\":%.3f,\"timeouts\":%d}%n",
        offset,
        (t1 - t0) / 1e9,
        (cpu1 - cpu0) / 1e9,
        context.timeouts.get());
    System.out.flush();
    System.exit(0);
  }

  private static long cpuNanos() {
    return ProcessHandle.current()
        .info()
        .totalCpuDuration()
        .map(d -> d.toNanos())
        .orElseThrow(() -> new IllegalStateException("no CPU time for this process"));
  }
}
