package io.ecdp.customers.kafka.connect.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * One KRaft broker and two distributed Connect workers in this JVM (Kafka's own test kit), whose
 * {@code plugin.path} is the unpacked plugin archive: the connector is loaded as a deployment loads
 * it, in its own plugin class loader, and is not on the test class path.
 */
final class ConnectCluster implements AutoCloseable {

  /** The connector's class, as the plugin archive ships it (not on this class path). */
  static final String CONNECTOR_CLASS = System.getProperty("ecdp.connector.class");

  /** The directory the plugin archive was unpacked into (the workers' plugin.path). */
  static final Path PLUGIN_PATH = Paths.get(System.getProperty("ecdp.plugin.path"));

  /** The file every log line of the JVM (brokers, workers, connector, client) is written to. */
  static final Path LOG_FILE = Paths.get(System.getProperty("ecdp.log.file"));

  /** Where a test keeps its files (the key file of the config provider, reports). */
  static final Path TARGET = Paths.get(System.getProperty("ecdp.target"));

  final EmbeddedConnectCluster connect;

  private ConnectCluster(EmbeddedConnectCluster connect) {
    this.connect = connect;
  }

  /** Starts the broker and the two workers, and waits until both workers answer. */
  static ConnectCluster start(String name) throws InterruptedException {
    Map<String, String> worker = new HashMap<>();
    worker.put("plugin.path", PLUGIN_PATH.toString());
    // Plugins are found through their ServiceLoader manifests (KIP-898), not by scanning.
    worker.put("plugin.discovery", "service_load");
    worker.put("config.providers", "file");
    worker.put(
        "config.providers.file.class",
        "org.apache.kafka.common.config.provider.FileConfigProvider");
    worker.put("offset.flush.interval.ms", "1000");
    worker.put("scheduled.rebalance.max.delay.ms", "2000");
    worker.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    worker.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    worker.put("value.converter.schemas.enable", "false");
    EmbeddedConnectCluster connect =
        new EmbeddedConnectCluster.Builder()
            .name(name)
            .numWorkers(2)
            .numBrokers(1)
            .workerProps(worker)
            .build();
    connect.start();
    connect.assertions().assertExactlyNumWorkersAreUp(2, "both workers did not start");
    return new ConnectCluster(connect);
  }

  /** Returns the broker's bootstrap servers. */
  String bootstrap() {
    return connect.kafka().bootstrapServers();
  }

  /** Writes {@code values} to {@code topic} (partition chosen by key), and flushes. */
  void produce(String topic, List<Map.Entry<String, String>> records) {
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      java.util.concurrent.atomic.AtomicReference<Exception> failed =
          new java.util.concurrent.atomic.AtomicReference<>();
      for (Map.Entry<String, String> r : records) {
        var unused =
            producer.send(
                new ProducerRecord<>(topic, r.getKey(), r.getValue()),
                (metadata, e) -> {
                  if (e != null) {
                    failed.compareAndSet(null, e);
                  }
                });
      }
      producer.flush();
      if (failed.get() != null) {
        throw new IllegalStateException("a record was not written", failed.get());
      }
    }
  }

  /** Reads every record of {@code topic} from its start until {@code expected} were read. */
  List<ConsumerRecord<byte[], byte[]>> consume(String topic, int expected, Duration timeout) {
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = connect.kafka().createConsumer(c)) {
      consumer.subscribe(List.of(topic));
      long end = System.nanoTime() + timeout.toNanos();
      while (out.size() < expected && System.nanoTime() < end) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      // Anything beyond what was expected also shows (a duplicate in the topic).
      consumer.poll(Duration.ofMillis(500)).forEach(out::add);
    }
    return out;
  }

  /** Returns the GET body of a REST resource of the cluster, e.g. {@code connectors/x/status}. */
  String get(String resource) {
    try (jakarta.ws.rs.core.Response r =
        connect.requestGet(connect.endpointForResource(resource))) {
      return String.valueOf(r.getEntity());
    }
  }

  /** Waits until {@code condition} holds, or fails after {@code timeout} with {@code message}. */
  static void await(Duration timeout, String message, BooleanSupplier condition)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError(message + " (after " + timeout + ")");
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  /** Returns every log line written so far. */
  static List<String> logLines() {
    try {
      return Files.readAllLines(LOG_FILE, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    connect.stop();
  }
}
