package io.ecdp.customers.kafka.connect.internal;

import io.ecdp.customers.CallOptions;
import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.Customers;
import io.ecdp.customers.RetryPolicy;
import io.ecdp.customers.errors.BadRequestException;
import io.ecdp.customers.errors.EcdpException;
import io.ecdp.customers.errors.EcdpServiceException;
import io.ecdp.customers.errors.ForbiddenException;
import io.ecdp.customers.errors.NotFoundException;
import io.ecdp.customers.errors.RateLimitedException;
import io.ecdp.customers.errors.ServerException;
import io.ecdp.customers.errors.TransportException;
import io.ecdp.customers.errors.UnauthorizedException;
import io.ecdp.customers.errors.ValidationException;
import io.ecdp.customers.errors.Violation;
import io.ecdp.customers.imports.BatchListener;
import io.ecdp.customers.imports.BatchOutcome;
import io.ecdp.customers.imports.BatchSender;
import io.ecdp.customers.imports.MatchKeys;
import io.ecdp.customers.imports.OrderedLanes;
import io.ecdp.customers.imports.Refusal;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink task's machinery: buffers records by customer lane, sends batches through the import
 * engine, and tracks, per partition, up to which offset every record is finished (accepted, refused
 * into the dead letter queue, or skipped).
 *
 * <p>Ordering: a record goes to the lane of its customer (a hash of its match key; a record without
 * one, to the lane of its partition). A lane runs one batch at a time, in the order the batches
 * were closed, and a batch never holds one customer twice: a second change of a customer closes the
 * lane's open batch. When a batch fails retriably, its lane stops: later batches of the lane are
 * parked behind it, and after Connect's pause the lane sends them again, in order.
 *
 * <p>Thread-safety: {@link #put}, {@link #preCommit}, {@link #open}, {@link #close} and {@link
 * #stop} are called on Connect's task thread; lanes complete on the engine's threads; one lock
 * guards the state.
 */
public final class SinkWriter {

  private static final Logger log = LoggerFactory.getLogger(SinkWriter.class);

  /** Deletes retry 429 in the client too: the engine's throttle paces upserts only. */
  private static final CallOptions DELETE_OPTIONS =
      CallOptions.builder().retryPolicy(RetryPolicy.defaults()).build();

  private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
  private static final long SUMMARY_NANOS = TimeUnit.SECONDS.toNanos(30);

  /** What the writer needs of its surroundings: the parts a test may replace. */
  public record Settings(
      String taskId,
      MatchBy matchBy,
      int batchSize,
      Duration flushInterval,
      int lanes,
      boolean deleteOnTombstone,
      boolean deleteAnonymize,
      Duration callTimeout) {}

  /** Supplies the errant-record reporter (null when the connector has no DLQ or error log). */
  public interface Reporting {
    /**
     * Returns the reporter, or null when none is configured.
     *
     * @return the reporter or null
     */
    @Nullable ErrantRecordReporter reporter();

    /**
     * Asks Connect to wait this long before it delivers the records again.
     *
     * @param millis the pause
     */
    void timeout(long millis);
  }

  private final Settings settings;
  private final RecordConverter converter;
  private final BatchSender sender;
  private final Customers customers;
  private final OrderedLanes lanes;
  private final Reporting reporting;
  private final ClassLoader pluginLoader;
  private final Lane[] laneState;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
  private final ArrayDeque<Refused> toReport = new ArrayDeque<>();

  private int unfinished;
  private @Nullable ConnectException fatal;
  private @Nullable Duration retriableWait;
  private int consecutiveFailures;
  private boolean resumeDue;
  private boolean stopping;
  private long lastSummary = System.nanoTime();

  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong deleted = new AtomicLong();
  private final AtomicLong redelivered = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong retriable = new AtomicLong();

  /**
   * Creates a writer.
   *
   * @param settings the task's settings
   * @param converter turns record values and keys into customer records and keys
   * @param sender the engine that sends batches
   * @param customers the client's operations, for deletes
   * @param reporting the dead letter queue and Connect's pause
   */
  public SinkWriter(
      Settings settings,
      RecordConverter converter,
      BatchSender sender,
      Customers customers,
      Reporting reporting) {
    this.settings = settings;
    this.converter = converter;
    this.sender = sender;
    this.customers = customers;
    this.reporting = reporting;
    this.pluginLoader = PluginServices.forThisPlugin();
    this.lanes = new OrderedLanes(settings.lanes(), "ecdp-sink-" + settings.taskId());
    this.laneState = new Lane[settings.lanes()];
    for (int i = 0; i < laneState.length; i++) {
      laneState[i] = new Lane(i);
    }
  }

  // ---------------------------------------------------------------- state

  /** One assigned partition: the records held, in offset order, and the highest offset seen. */
  private static final class PartitionState {
    final ArrayDeque<Tracked> held = new ArrayDeque<>();
    long highestSeen = -1;
    boolean open = true;
    int sending;

    PartitionState() {}
  }

  /** One record held by the task until it is finished. */
  private static final class Tracked {
    final PartitionState partition;
    final SinkRecord record;
    final @Nullable CustomerRecord customer;
    final @Nullable CustomerKey deleteKey;
    final @Nullable String customerKey;
    boolean finished;
    @Nullable Future<Void> dlq;

    Tracked(
        PartitionState partition,
        SinkRecord record,
        @Nullable CustomerRecord customer,
        @Nullable CustomerKey deleteKey,
        @Nullable String customerKey) {
      this.partition = partition;
      this.record = record;
      this.customer = customer;
      this.deleteKey = deleteKey;
      this.customerKey = customerKey;
    }

    CustomerRecord customer() {
      if (customer == null) {
        throw new IllegalStateException("not an upsert");
      }
      return customer;
    }
  }

  /** Work a lane runs: a batch of upserts, or one delete. */
  private record Work(List<Tracked> items, boolean delete) {}

  /** One lane: its open batch, and the work parked behind a retriable failure. */
  private static final class Lane {
    final int index;
    final List<Tracked> open = new ArrayList<>();
    final Set<String> openKeys = new HashSet<>();
    long openedAt;
    boolean failed;
    boolean resumeQueued;
    final List<Work> parked = new ArrayList<>();

    Lane(int index) {
      this.index = index;
    }
  }

  // ---------------------------------------------------------------- Connect's calls

  /**
   * Opens partitions: their records are tracked from the first one delivered; a partition already
   * held is left as it is.
   *
   * @param assigned the partitions
   */
  public void open(Collection<TopicPartition> assigned) {
    lock.lock();
    try {
      for (TopicPartition tp : assigned) {
        // A partition already held keeps its records: they are not committed, and dropping them
        // while Connect goes on from where it was would skip them.
        partitions.putIfAbsent(tp, new PartitionState());
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Closes partitions: their buffered records are dropped (Connect delivers them again from the
   * committed offset, to whichever task gets the partition), and their batches in flight are waited
   * for, up to the call timeout, so that they cannot land after the next owner's.
   *
   * @param revoked the partitions
   */
  public void close(Collection<TopicPartition> revoked) {
    List<PartitionState> closed = new ArrayList<>();
    lock.lock();
    try {
      for (TopicPartition tp : revoked) {
        PartitionState ps = partitions.remove(tp);
        if (ps != null) {
          drop(ps);
          closed.add(ps);
        }
      }
      long deadline = System.nanoTime() + settings.callTimeout().plusSeconds(5).toNanos();
      while (!stopping && closed.stream().anyMatch(ps -> ps.sending > 0)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          log.warn(
              "ecdp sink task {}: closing partitions while batches of theirs are still in flight",
              settings.taskId());
          break;
        }
        changed.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  /** Drops what is held of a partition; called with the lock held. */
  private void drop(PartitionState ps) {
    ps.open = false;
    for (Lane lane : laneState) {
      if (lane.open.removeIf(t -> t.partition == ps)) {
        lane.openKeys.clear();
        for (Tracked t : lane.open) {
          if (t.customerKey != null) {
            lane.openKeys.add(t.customerKey);
          }
        }
      }
    }
    for (Tracked t : ps.held) {
      if (!t.finished) {
        unfinished--;
      }
    }
    ps.held.clear();
    changed.signalAll();
  }

  /**
   * Takes records from Connect: converts them, buffers them in their lanes, sends full batches, and
   * blocks while too many records are pending. Records Connect delivers again (at or below the
   * highest offset already held of their partition) are ignored.
   *
   * @param records the records, possibly none
   * @throws ConnectException when the task cannot go on (a non-retriable failure, or a refused
   *     record with no dead letter queue)
   * @throws RetriableException after a retriable failure, having set Connect's pause
   */
  public void put(Collection<SinkRecord> records) {
    lock.lock();
    try {
      reportRefused();
      throwIfFatal();
      if (retriableWait != null) {
        long millis = Math.max(1, retriableWait.toMillis());
        retriableWait = null;
        resumeDue = true;
        reporting.timeout(millis);
        throw new RetriableException(
            "ecdp sink task "
                + settings.taskId()
                + ": a batch failed retriably; its records are held and sent again after "
                + millis
                + " ms");
      }
      if (resumeDue) {
        resumeDue = false;
        resumeLanes();
      }
      long now = System.nanoTime();
      for (SinkRecord record : records) {
        take(record, now);
      }
      reportRefused();
      for (PartitionState ps : partitions.values()) {
        committable(ps); // lets go of records finished (their DLQ writes acknowledged) since
      }
      throwIfFatal();
      flushExpired(now, settings.flushInterval().isZero());
      maybeSummary(now);
      int limit = Math.max(settings.batchSize() * settings.lanes() * 4, 1000);
      while (unfinished > limit && fatal == null && retriableWait == null && !stopping) {
        if (lanes.pending() == 0) {
          // Nothing in flight: the open batches hold what is left, so they go now. Otherwise
          // they fill up while the batches in flight finish (sending them part-full would make
          // more, smaller requests just when the service is the bottleneck).
          flushExpired(System.nanoTime(), true);
        }
        changed.await(100, TimeUnit.MILLISECONDS);
        reportRefused();
      }
      throwIfFatal();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("ecdp sink task " + settings.taskId() + ": interrupted");
    } finally {
      lock.unlock();
    }
  }

  private void take(SinkRecord record, long now) {
    TopicPartition tp = new TopicPartition(record.topic(), record.kafkaPartition());
    PartitionState ps = partitions.computeIfAbsent(tp, k -> new PartitionState());
    long offset = record.kafkaOffset();
    if (offset <= ps.highestSeen) {
      redelivered.incrementAndGet();
      return;
    }
    ps.highestSeen = offset;
    if (record.value() == null) {
      if (!settings.deleteOnTombstone()) {
        Tracked t = new Tracked(ps, record, null, null, null);
        t.finished = true;
        ps.held.add(t);
        skipped.incrementAndGet();
        return;
      }
      CustomerKey key;
      try {
        key = converter.deleteKey(record.key(), record.keySchema());
      } catch (RecordRefusedException e) {
        refuseLocally(ps, record, e);
        return;
      }
      String customerKey = RecordConverter.orderingKey(key);
      Tracked t = new Tracked(ps, record, null, key, customerKey);
      ps.held.add(t);
      unfinished++;
      Lane lane = laneOf(customerKey);
      if (lane.openKeys.contains(customerKey)) {
        submitOpen(lane);
      }
      submit(lane, new Work(List.of(t), true));
      return;
    }
    CustomerRecord customer;
    try {
      customer = converter.convert(record.value(), record.valueSchema());
    } catch (RecordRefusedException e) {
      refuseLocally(ps, record, e);
      return;
    }
    String customerKey = MatchKeys.of(settings.matchBy(), customer).orElse(null);
    Tracked t = new Tracked(ps, record, customer, null, customerKey);
    ps.held.add(t);
    unfinished++;
    Lane lane = laneOf(customerKey != null ? customerKey : "\u0000partition " + tp);
    if (customerKey != null && lane.openKeys.contains(customerKey)) {
      submitOpen(lane);
    }
    if (lane.open.isEmpty()) {
      lane.openedAt = now;
    }
    lane.open.add(t);
    if (customerKey != null) {
      lane.openKeys.add(customerKey);
    }
    if (lane.open.size() >= settings.batchSize()) {
      submitOpen(lane);
    }
  }

  private Lane laneOf(String key) {
    int h = key.hashCode();
    h ^= (h >>> 16);
    return laneState[Math.floorMod(h * 0x9E3779B1, laneState.length)];
  }

  /**
   * Returns, for each partition in {@code currentOffsets} this task holds, the offset up to which
   * every record is finished: accepted, refused into the dead letter queue (and written there), or
   * skipped. Partitions with nothing new are left out.
   *
   * @param currentOffsets Connect's offsets of what it delivered
   * @return the offsets that are safe to commit
   */
  public Map<TopicPartition, OffsetAndMetadata> preCommit(
      Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    Map<TopicPartition, OffsetAndMetadata> safe = new HashMap<>();
    lock.lock();
    try {
      reportRefused();
      for (TopicPartition tp : currentOffsets.keySet()) {
        PartitionState ps = partitions.get(tp);
        if (ps == null || ps.highestSeen < 0) {
          continue;
        }
        long committable = committable(ps);
        if (committable >= 0) {
          safe.put(tp, new OffsetAndMetadata(committable));
        }
      }
      maybeSummary(System.nanoTime());
    } finally {
      lock.unlock();
    }
    return safe;
  }

  /**
   * The next offset to consume of a partition, with every record before it finished; the finished
   * records before it are let go.
   */
  private long committable(PartitionState ps) {
    while (!ps.held.isEmpty()) {
      Tracked head = ps.held.peekFirst();
      if (!head.finished || !dlqWritten(head)) {
        return head.record.kafkaOffset();
      }
      ps.held.pollFirst();
    }
    return ps.highestSeen + 1;
  }

  private boolean dlqWritten(Tracked t) {
    Future<Void> f = t.dlq;
    if (f == null) {
      return true;
    }
    if (!f.isDone()) {
      return false;
    }
    try {
      f.get();
      t.dlq = null;
      return true;
    } catch (ExecutionException | java.util.concurrent.CancellationException e) {
      fail(
          new ConnectException(
              "ecdp sink task "
                  + settings.taskId()
                  + ": the dead letter queue did not take a refused record"));
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Sends every open batch and waits, up to {@code timeout}, until nothing is buffered or in
   * flight, or a failure stops the task.
   *
   * @param timeout the longest wait
   * @return true when everything taken was finished
   */
  public boolean drain(Duration timeout) {
    lock.lock();
    try {
      long deadline = System.nanoTime() + timeout.toNanos();
      flushExpired(System.nanoTime(), true);
      reportRefused();
      while (unfinished > 0 && fatal == null && retriableWait == null) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        changed.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
        reportRefused();
      }
      return unfinished == 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Sends the open batches whose oldest record has waited the flush interval (or all of them).
   * Called by the task's timer as well.
   *
   * @param all send every open batch, whatever its age
   */
  public void flushDue(boolean all) {
    lock.lock();
    try {
      if (!stopping) {
        long now = System.nanoTime();
        flushExpired(now, all);
        maybeSummary(now);
      }
    } finally {
      lock.unlock();
    }
  }

  private void flushExpired(long now, boolean all) {
    long interval = settings.flushInterval().toNanos();
    for (Lane lane : laneState) {
      if (!lane.open.isEmpty() && (all || now - lane.openedAt >= interval)) {
        submitOpen(lane);
      }
    }
  }

  /**
   * Stops: running sends are asked to stop, the lanes' threads end. What was not finished is not
   * committed, so Connect delivers it again.
   */
  public void stop() {
    lock.lock();
    try {
      if (stopping) {
        return;
      }
      stopping = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    sender.stop();
    lanes.close();
    logSummary();
  }

  // ---------------------------------------------------------------- lanes

  private void submitOpen(Lane lane) {
    if (lane.open.isEmpty()) {
      return;
    }
    List<Tracked> items = List.copyOf(lane.open);
    lane.open.clear();
    lane.openKeys.clear();
    submit(lane, new Work(items, false));
  }

  private void submit(Lane lane, Work work) {
    lanes.submit(lane.index, () -> withPluginLoader(() -> run(lane, work)));
  }

  private void resumeLanes() {
    for (Lane lane : laneState) {
      if (lane.failed && !lane.resumeQueued) {
        lane.resumeQueued = true;
        lanes.submit(lane.index, () -> withPluginLoader(() -> resume(lane)));
      }
    }
  }

  private void withPluginLoader(Runnable r) {
    Thread t = Thread.currentThread();
    ClassLoader old = t.getContextClassLoader();
    t.setContextClassLoader(pluginLoader);
    try {
      r.run();
    } catch (RuntimeException | Error e) {
      fail(
          new ConnectException(
              "ecdp sink task " + settings.taskId() + ": a batch failed unexpectedly", e));
    } finally {
      t.setContextClassLoader(old);
    }
  }

  /** Runs one work item of a lane, or parks it behind the lane's failed work. */
  private void run(Lane lane, Work work) {
    lock.lock();
    try {
      if (lane.failed) {
        lane.parked.add(work);
        return;
      }
    } finally {
      lock.unlock();
    }
    Work rest = execute(work);
    if (rest != null) {
      lock.lock();
      try {
        lane.failed = true;
        lane.parked.add(0, rest);
      } finally {
        lock.unlock();
      }
    }
  }

  /** Sends the lane's parked work again, in order, after Connect's pause. */
  private void resume(Lane lane) {
    List<Work> parked;
    lock.lock();
    try {
      lane.resumeQueued = false;
      lane.failed = false;
      parked = new ArrayList<>(lane.parked);
      lane.parked.clear();
    } finally {
      lock.unlock();
    }
    for (int i = 0; i < parked.size(); i++) {
      Work rest = execute(parked.get(i));
      if (rest != null) {
        lock.lock();
        try {
          lane.failed = true;
          List<Work> again = new ArrayList<>();
          again.add(rest);
          again.addAll(parked.subList(i + 1, parked.size()));
          lane.parked.addAll(0, again);
          changed.signalAll();
        } finally {
          lock.unlock();
        }
        return;
      }
    }
  }

  /**
   * Sends one work item. Returns what is left to send again after a retriable failure (the lane
   * then parks it), or null.
   */
  private @Nullable Work execute(Work work) {
    List<Tracked> items;
    Set<PartitionState> touched = new LinkedHashSet<>();
    lock.lock();
    try {
      items = new ArrayList<>();
      for (Tracked t : work.items()) {
        if (t.partition.open && !t.finished && !stopping) {
          items.add(t);
          touched.add(t.partition);
        }
      }
      for (PartitionState ps : touched) {
        ps.sending++;
      }
      if (items.isEmpty()) {
        changed.signalAll();
        return null;
      }
    } finally {
      lock.unlock();
    }
    List<Tracked> rest = List.of();
    Duration retryAfter = null;
    try {
      if (work.delete()) {
        Tracked t = items.get(0);
        Failure f = delete(t);
        if (f != null) {
          rest = List.of(t);
          retryAfter = f.retryAfter;
        }
      } else {
        batches.incrementAndGet();
        BatchOutcome<Tracked> outcome = sender.send(items, Tracked::customer, new Listener());
        if (!outcome.complete()) {
          List<Tracked> left = outcome.unfinished();
          if (outcome.interrupted() || stopping) {
            left = List.of();
          } else if (outcome.retriable()) {
            rest = left;
            retryAfter = outcome.retryAfter().orElse(null);
            logRetriable(left.size(), outcome.failure().orElse(null));
          } else {
            fail(fatalOf(outcome.failure().orElse(null)));
          }
        } else {
          lock.lock();
          try {
            consecutiveFailures = 0;
          } finally {
            lock.unlock();
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.lock();
      try {
        for (PartitionState ps : touched) {
          ps.sending--;
        }
        if (!rest.isEmpty()) {
          retriable.incrementAndGet();
          consecutiveFailures++;
          Duration backoff =
              retryAfter != null && !retryAfter.isZero()
                  ? retryAfter
                  : backoff(consecutiveFailures);
          if (backoff.compareTo(MAX_BACKOFF) > 0) {
            backoff = MAX_BACKOFF;
          }
          retriableWait =
              retriableWait == null || retriableWait.compareTo(backoff) < 0
                  ? backoff
                  : retriableWait;
        }
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
    return rest.isEmpty() ? null : new Work(List.copyOf(rest), work.delete());
  }

  private static Duration backoff(int failures) {
    long seconds = 1L << Math.min(Math.max(failures - 1, 0), 6);
    return Duration.ofSeconds(Math.min(seconds, MAX_BACKOFF.toSeconds()));
  }

  private void logRetriable(int records, @Nullable EcdpException failure) {
    log.warn(
        "ecdp sink task {}: a batch of {} records failed retriably ({}); they are held and sent"
            + " again after Connect's pause",
        settings.taskId(),
        records,
        describe(failure));
  }

  /** The result of a delete that must be tried again, or null. */
  private record Failure(@Nullable Duration retryAfter) {}

  private @Nullable Failure delete(Tracked t) {
    CustomerKey key = t.deleteKey;
    if (key == null) {
      throw new IllegalStateException("not a delete");
    }
    try {
      if (settings.deleteAnonymize()) {
        customers.deleteAndAnonymize(key, DELETE_OPTIONS);
      } else {
        customers.delete(key, DELETE_OPTIONS);
      }
      deleted.incrementAndGet();
      finish(List.of(t));
      return null;
    } catch (NotFoundException e) {
      deleted.incrementAndGet();
      finish(List.of(t));
      return null;
    } catch (ValidationException e) {
      Violation v = e.violations().isEmpty() ? null : e.violations().get(0);
      refuse(t, new RecordRefusedException("key", v == null ? "not a valid key" : v.rule()));
      return null;
    } catch (BadRequestException e) {
      Violation v = e.violations().isEmpty() ? null : e.violations().get(0);
      refuse(t, new RecordRefusedException("key", v == null ? "refused by the service" : v.rule()));
      return null;
    } catch (RateLimitedException | ServerException | TransportException e) {
      logRetriable(1, e);
      Duration after = e instanceof EcdpServiceException s ? s.retryAfter().orElse(null) : null;
      return new Failure(after);
    } catch (EcdpException e) {
      fail(fatalOf(e));
      return null;
    }
  }

  /** Hears what becomes of a batch's records. */
  private final class Listener implements BatchListener<Tracked> {
    @Override
    public void accepted(List<Tracked> items) {
      accepted.addAndGet(items.size());
      finish(items);
    }

    @Override
    public void refused(Tracked item, Refusal why) {
      refuse(item, new RecordRefusedException(why.field(), why.rule()));
    }
  }

  private void finish(List<Tracked> items) {
    lock.lock();
    try {
      for (Tracked t : items) {
        markFinished(t);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Marks a record finished, and lets go of the finished records at the head of its partition (a
   * worker commits only every {@code offset.flush.interval.ms}: what is held must not grow with the
   * records finished meanwhile); called with the lock held.
   */
  private void markFinished(Tracked t) {
    if (!t.finished) {
      t.finished = true;
      if (t.partition.open) {
        unfinished--;
      }
    }
    committable(t.partition);
  }

  // ---------------------------------------------------------------- refusals

  /** A record the conversion refused: straight to the dead letter queue, never sent. */
  private void refuseLocally(PartitionState ps, SinkRecord record, RecordRefusedException e) {
    Tracked t = new Tracked(ps, record, null, null, null);
    ps.held.add(t);
    unfinished++;
    refuse(t, e);
  }

  /**
   * Queues a refused record for the dead letter queue; without one, the task fails. Connect's
   * reporter is not documented as thread-safe, so records refused on the lanes' threads are
   * reported on the task's thread, by the next {@link #put} or {@link #preCommit}.
   */
  private void refuse(Tracked t, RecordRefusedException why) {
    if (reporting.reporter() == null) {
      fail(
          new ConnectException(
              "ecdp sink task "
                  + settings.taskId()
                  + ": a record was refused ("
                  + why.getMessage()
                  + ") and the connector has no dead letter queue. Set errors.tolerance=all,"
                  + " errors.deadletterqueue.topic.name=<topic> and"
                  + " errors.deadletterqueue.context.headers.enable=true on the connector, so"
                  + " that refused records are kept there with the reason and the task goes on"));
      return;
    }
    lock.lock();
    try {
      toReport.add(new Refused(t, why));
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Reports the queued refusals; on the task's thread, with the lock held. */
  private void reportRefused() {
    ErrantRecordReporter reporter = reporting.reporter();
    if (reporter == null) {
      return;
    }
    while (!toReport.isEmpty()) {
      Refused r = toReport.poll();
      if (!r.record().partition.open) {
        continue; // revoked: delivered again to the partition's next owner
      }
      try {
        r.record().dlq = reporter.report(r.record().record, r.why());
      } catch (RuntimeException e) {
        fail(
            new ConnectException(
                "ecdp sink task "
                    + settings.taskId()
                    + ": the dead letter queue did not take a refused record",
                e));
        return;
      }
      refused.incrementAndGet();
      markFinished(r.record());
    }
    changed.signalAll();
  }

  /** A refused record waiting to be reported. */
  private record Refused(Tracked record, RecordRefusedException why) {}

  // ---------------------------------------------------------------- failures

  private void fail(ConnectException e) {
    lock.lock();
    try {
      if (fatal == null) {
        fatal = e;
        log.error("{}", e.getMessage());
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void throwIfFatal() {
    if (fatal != null) {
      throw fatal;
    }
  }

  private ConnectException fatalOf(@Nullable EcdpException e) {
    String prefix = "ecdp sink task " + settings.taskId() + ": ";
    if (e instanceof UnauthorizedException) {
      return new ConnectException(
          prefix
              + "the Customers API refused the API key (401 Unauthorized): check ecdp.api.key"
              + " (the account's key, from Settings > API)");
    }
    if (e instanceof ForbiddenException) {
      return new ConnectException(
          prefix
              + "the API key has no right to write customers (403 Forbidden): check the key's"
              + " permissions in the account");
    }
    return new ConnectException(prefix + "a batch failed: " + describe(e));
  }

  /** Describes a failure without customer data or key: its kind, status and request id. */
  static String describe(@Nullable EcdpException e) {
    if (e == null) {
      return "no reason given";
    }
    StringBuilder s = new StringBuilder(e.getClass().getSimpleName());
    if (e instanceof EcdpServiceException se) {
      s.append(", status ").append(se.status());
      se.requestId().ifPresent(id -> s.append(", request id ").append(id));
      se.retryAfter().ifPresent(d -> s.append(", Retry-After ").append(d.toMillis()).append(" ms"));
    }
    e.method().ifPresent(m -> s.append(", ").append(m));
    e.path().ifPresent(p -> s.append(' ').append(p));
    return s.toString();
  }

  // ---------------------------------------------------------------- counters

  private void maybeSummary(long now) {
    if (now - lastSummary >= SUMMARY_NANOS) {
      lastSummary = now;
      logSummary();
    }
  }

  /** Logs the counters at INFO: no customer data, no key. */
  public void logSummary() {
    log.info(
        "ecdp sink task {}: accepted={} dlq={} skipped={} deleted={} redelivered={} batches={}"
            + " retriable={} pending={}",
        settings.taskId(),
        accepted.get(),
        refused.get(),
        skipped.get(),
        deleted.get(),
        redelivered.get(),
        batches.get(),
        retriable.get(),
        pending());
  }

  /**
   * Returns the records taken and not yet finished (buffered, in flight or parked).
   *
   * @return the count
   */
  public int pending() {
    lock.lock();
    try {
      return unfinished;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns the counters: accepted, dlq, skipped, deleted, redelivered, batches, retriable.
   *
   * @return the counters by name
   */
  public Map<String, Long> counters() {
    Map<String, Long> m = new java.util.LinkedHashMap<>();
    m.put("accepted", accepted.get());
    m.put("dlq", refused.get());
    m.put("skipped", skipped.get());
    m.put("deleted", deleted.get());
    m.put("redelivered", redelivered.get());
    m.put("batches", batches.get());
    m.put("retriable", retriable.get());
    return m;
  }
}
