package io.ecdp.customers.kafka.connect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.jspecify.annotations.Nullable;

/** A hand-written {@link SinkTaskContext}: records timeouts, with or without a reporter. */
final class TestContext implements SinkTaskContext {

  /** One record reported to the dead letter queue, with its error. */
  record Reported(SinkRecord record, Throwable error) {}

  /** A reporter that keeps what it was given; its futures complete at once. */
  static final class Reporter implements ErrantRecordReporter {
    final List<Reported> reported = new CopyOnWriteArrayList<>();
    final Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public Future<Void> report(SinkRecord record, Throwable error) {
      threads.add(Thread.currentThread().getName());
      reported.add(new Reported(record, error));
      return CompletableFuture.completedFuture(null);
    }
  }

  private final Map<String, String> configs;
  final @Nullable Reporter reporter;
  final List<Long> timeouts = new ArrayList<>();
  final Set<TopicPartition> assignment = new HashSet<>();

  TestContext(Map<String, String> configs, boolean withReporter) {
    this.configs = configs;
    this.reporter = withReporter ? new Reporter() : null;
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
    timeouts.add(timeoutMs);
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
  public @Nullable ErrantRecordReporter errantRecordReporter() {
    return reporter;
  }

  @Override
  public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
    throw new UnsupportedOperationException("no metrics in tests");
  }

  static Map<String, String> props(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
