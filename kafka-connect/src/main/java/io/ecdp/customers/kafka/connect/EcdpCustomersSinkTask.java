package io.ecdp.customers.kafka.connect;

import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.RetryPolicy;
import io.ecdp.customers.imports.BatchSender;
import io.ecdp.customers.imports.Throttle;
import io.ecdp.customers.kafka.connect.internal.PluginServices;
import io.ecdp.customers.kafka.connect.internal.RecordConverter;
import io.ecdp.customers.kafka.connect.internal.SinkWriter;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes records to the Customers API: converts each to a customer record, batches them by
 * customer, sends the batches through the import engine, and tells Connect which offsets are safe
 * to commit.
 *
 * <p>Guarantees: at least once (an offset is committed only when every record before it was
 * accepted by the API, written to the dead letter queue, or skipped as a tombstone); within a
 * partition, a later change of a customer is never written before an earlier one.
 */
public final class EcdpCustomersSinkTask extends SinkTask {

  private static final Logger log = LoggerFactory.getLogger(EcdpCustomersSinkTask.class);

  private @Nullable CustomersClient client;
  private @Nullable SinkWriter writer;
  private @Nullable ScheduledExecutorService timer;
  private @Nullable ScheduledFuture<?> flushTick;
  private String taskId = "?";

  /** Creates the task; Connect calls {@link #initialize} and {@link #start(Map)} next. */
  public EcdpCustomersSinkTask() {}

  /**
   * Returns the task's version, the project's.
   *
   * @return the version
   */
  @Override
  public String version() {
    return Versions.version();
  }

  /**
   * Starts: reads the settings, creates the client and the engine, and starts the timer that sends
   * partial batches after the flush interval and logs the counters every 30 seconds.
   *
   * @param props the task's settings
   */
  @Override
  public void start(Map<String, String> props) {
    EcdpCustomersSinkConfig config;
    try {
      config = new EcdpCustomersSinkConfig(props);
    } catch (ConfigException e) {
      throw new ConnectException("ecdp sink task: invalid settings: " + e.getMessage());
    }
    taskId =
        props.getOrDefault("name", "ecdp-sink")
            + "-"
            + props.getOrDefault(EcdpCustomersSinkConnector.TASK_INDEX, "0");
    // The engine paces 429s itself (its throttle must hear each one): the client hands them back.
    RetryPolicy retries = RetryPolicy.builder().retryRateLimited(false).build();
    CustomersClient c = createClient(config, retries);
    this.client = c;
    BatchSender sender =
        BatchSender.builder(c.customers())
            .mode(config.mode())
            .matchBy(config.matchBy())
            .throttle(new Throttle(config.maxInFlight()))
            .maxRateLimited(config.rateLimitedRetries())
            .retryPolicy(retries)
            .build();
    ErrantRecordReporter reporter = reporter();
    SinkWriter w =
        new SinkWriter(
            new SinkWriter.Settings(
                taskId,
                config.matchBy(),
                config.batchSize(),
                config.flushInterval(),
                config.maxInFlight(),
                config.deleteOnTombstone(),
                config.deleteAnonymize(),
                config.callTimeout()),
            new RecordConverter(config.fieldMapping(), config.matchBy()),
            sender,
            c.customers(),
            new SinkWriter.Reporting() {
              @Override
              public @Nullable ErrantRecordReporter reporter() {
                return reporter;
              }

              @Override
              public void timeout(long millis) {
                context.timeout(millis);
              }
            });
    this.writer = w;
    long period = Math.max(10, Math.min(250, config.flushInterval().toMillis() / 4));
    ScheduledExecutorService t =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "ecdp-sink-timer-" + taskId);
              thread.setDaemon(true);
              return thread;
            });
    this.flushTick =
        t.scheduleWithFixedDelay(() -> w.flushDue(false), period, period, TimeUnit.MILLISECONDS);
    this.timer = t;
    log.info(
        "ecdp sink task {}: started ({}, dead letter queue {})",
        taskId,
        config,
        reporter == null ? "not configured" : "configured");
  }

  /**
   * Creates the client with this plugin's class loader as the thread's context class loader, so
   * that Jersey and JSON-B find their providers in the plugin, not in the worker ({@link
   * PluginServices}).
   */
  private static CustomersClient createClient(EcdpCustomersSinkConfig config, RetryPolicy retries) {
    Thread thread = Thread.currentThread();
    ClassLoader old = thread.getContextClassLoader();
    thread.setContextClassLoader(PluginServices.forThisPlugin());
    try {
      return CustomersClient.builder()
          .apiKey(config.apiKey())
          .baseUri(config.baseUri())
          .connectTimeout(config.connectTimeout())
          .readTimeout(config.readTimeout())
          .callTimeout(config.callTimeout())
          .retryPolicy(retries)
          .build();
    } catch (IllegalArgumentException e) {
      throw new ConnectException(
          "ecdp sink task: the client cannot be created with these settings");
    } finally {
      thread.setContextClassLoader(old);
    }
  }

  private @Nullable ErrantRecordReporter reporter() {
    try {
      return context.errantRecordReporter();
    } catch (NoSuchMethodError | NoClassDefFoundError e) {
      return null; // a worker older than Kafka 2.6
    }
  }

  /**
   * Takes records: see {@link SinkWriter#put(Collection)}.
   *
   * @param records the records, possibly none
   */
  @Override
  public void put(Collection<SinkRecord> records) {
    writer().put(records);
  }

  /**
   * Starts tracking newly assigned partitions.
   *
   * @param partitions the partitions
   */
  @Override
  public void open(Collection<TopicPartition> partitions) {
    writer().open(partitions);
  }

  /**
   * Drops what is buffered of revoked partitions; Connect delivers it again to their next owner.
   *
   * @param partitions the partitions
   */
  @Override
  public void close(Collection<TopicPartition> partitions) {
    if (writer != null) {
      writer.close(partitions);
    }
  }

  /**
   * Returns the offsets up to which every record is finished; never one of a record still buffered
   * or in flight.
   *
   * @param currentOffsets what Connect delivered
   * @return the offsets safe to commit
   */
  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(
      Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    return writer().preCommit(currentOffsets);
  }

  /**
   * Sends every buffered record and waits for them, up to the call timeout; {@link #preCommit} does
   * not call it.
   *
   * @param currentOffsets what Connect delivered
   */
  @Override
  public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    writer().drain(java.time.Duration.ofMinutes(1));
  }

  /** Stops the timer and the engine, closes the client, and logs the counters. */
  @Override
  public void stop() {
    ScheduledFuture<?> tick = flushTick;
    if (tick != null) {
      tick.cancel(false);
    }
    ScheduledExecutorService t = timer;
    if (t != null) {
      t.shutdownNow();
    }
    SinkWriter w = writer;
    if (w != null) {
      w.stop();
    }
    CustomersClient c = client;
    client = null;
    if (c != null) {
      c.close();
    }
  }

  private SinkWriter writer() {
    SinkWriter w = writer;
    if (w == null) {
      throw new IllegalStateException("the task is not started");
    }
    return w;
  }
}
