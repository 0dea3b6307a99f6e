package io.ecdp.customers.cli;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.Customers;
import io.ecdp.customers.RetryPolicy;
import io.ecdp.customers.errors.EcdpException;
import io.ecdp.customers.errors.ForbiddenException;
import io.ecdp.customers.errors.UnauthorizedException;
import io.ecdp.customers.imports.BatchListener;
import io.ecdp.customers.imports.BatchOutcome;
import io.ecdp.customers.imports.BatchSender;
import io.ecdp.customers.imports.OrderedLanes;
import io.ecdp.customers.imports.Refusal;
import io.ecdp.customers.imports.Throttle;
import io.ecdp.customers.internal.Redactor;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;

/**
 * Streams an input file into the API in batches: constant memory (one batch per worker in flight),
 * an adaptive number of concurrent requests (never above {@code --concurrency}), every refused
 * record written with its reason to the rejects file, and a checkpoint line per finished batch so
 * that an interrupted import can resume without re-sending what was stored.
 *
 * <p>The import engine sends each batch ({@link BatchSender}: a refused batch is taken apart down
 * to the records at fault, a 429 lowers the {@link Throttle}'s limits and the part is sent again);
 * this class reads the file, records what each batch became, and reports the rejects.
 *
 * <p>What a kill, an interrupt or a failure leaves is exact ({@link Checkpoint}): a batch is
 * recorded as {@code sending} before it first goes on the wire and with its result after; on {@code
 * --resume}, the records of a batch that was sent but not recorded are <em>in doubt</em>. Under
 * {@code Add}, an in-doubt record the service refuses is looked up by its match key: when the
 * service holds it with the values sent, it was stored before the interruption and counts as
 * reconciled, not rejected.
 */
final class Importer {

  /** What to import, and how. */
  record Settings(
      String file,
      UpsertMode mode,
      MatchBy matchBy,
      int batchSize,
      int concurrency,
      Path rejects,
      Path checkpoint,
      boolean resume) {}

  /**
   * The sandbox state an import runs against ({@code --sandbox}), recorded in the checkpoint so
   * that a resume can tell a state older than the checkpoint.
   */
  interface StateProbe {
    /** Returns the state's identity. */
    String id();

    /** Returns how many changes the state holds durably. */
    long sequence();
  }

  /** What an import did. */
  record Summary(
      String file,
      long read,
      long sent,
      long accepted,
      long rejected,
      long failed,
      long skipped,
      long reconciled,
      Duration elapsed,
      boolean authRefused,
      String firstFailure,
      int failureExitCode,
      Path rejectsFile,
      List<RejectCount> rejectsByReason,
      long calls,
      long throttledCalls,
      int mostInFlight,
      boolean interrupted,
      String inputFailure,
      CallStats.Snapshot traffic,
      long resentAfter429) {

    /**
     * Requests sent again: by the client (attempts after a call's first) and by the import (a part
     * answered 429, sent again under the throttle's pace); 0 without {@link #traffic}.
     */
    long retries() {
      return traffic == null ? 0 : traffic.retries() + resentAfter429;
    }

    /** Whether the whole file was read and every row stored or refused. */
    boolean complete() {
      return failed == 0 && !authRefused && !interrupted && inputFailure == null;
    }
  }

  /**
   * How many rows were refused for one reason.
   *
   * @param field the field at fault, or null when no field was named
   * @param rule the rule, in the client's or the server's words
   * @param count how many rows
   */
  record RejectCount(String field, String rule, long count) {}

  private final Customers customers;
  private final Settings settings;
  private final Throttle throttle;
  private final Throttle.Sleeper waiter;
  private volatile BatchSender sender;
  private final Progress.Counters counters = new Progress.Counters();
  private final AtomicBoolean authRefused = new AtomicBoolean();
  private final AtomicReference<String> firstFailure = new AtomicReference<>();
  private final AtomicReference<Integer> failureCode = new AtomicReference<>();
  private final Map<List<String>, LongAdder> reasons = new ConcurrentHashMap<>();
  private final LongAdder reconciled = new LongAdder();
  private final LongAdder interruptedBatches = new LongAdder();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private StateProbe state;
  private Checkpoint.Previous previous;
  private Set<Long> rejectedBefore = Set.of();
  private UnaryOperator<String> redact = new Redactor(null)::redact;
  private RetryPolicy retries = Session.retryPolicy(true);
  private CallStats callStats;

  Importer(Customers customers, Settings settings) {
    this(customers, settings, null, null);
  }

  /**
   * Creates an importer whose throttle and waits (after a 429) are given, e.g. with a fake clock;
   * null for the real ones, which an interrupt cuts short.
   */
  Importer(Customers customers, Settings settings, Throttle throttle, Throttle.Sleeper waiter) {
    this.customers = customers;
    this.settings = settings;
    Throttle.Sleeper untilStopped = nanos -> stopped.await(nanos, TimeUnit.NANOSECONDS);
    this.throttle =
        throttle != null
            ? throttle
            : new Throttle(settings.concurrency(), System::nanoTime, untilStopped);
    this.waiter = waiter != null ? waiter : untilStopped;
    counters.throttle = this.throttle;
  }

  /**
   * Masks the server's words (a refusal's {@code errors} and title) with {@code redact} before they
   * are written to the rejects file or counted as a reason: a server may echo the key or personal
   * data back. Without it, personal data is masked, and no key.
   */
  Importer redaction(UnaryOperator<String> redact) {
    this.redact = redact;
    return this;
  }

  /**
   * The retry policy of the client: how long a part waits after a 429 before it is sent again (the
   * announced {@code Retry-After} up to the longest the policy honours, else its backoff). Without
   * it, the client's defaults.
   */
  Importer retries(RetryPolicy policy) {
    this.retries = policy;
    return this;
  }

  /**
   * The counts of the client's calls ({@link CallStats}, registered on the client this import
   * calls), for the progress and the summary; without it, the summary has no call figures.
   */
  Importer callStats(CallStats stats) {
    this.callStats = stats;
    counters.calls = stats;
    return this;
  }

  /** Resumes from {@code previous}, the checkpoint as the caller read it (else it is read here). */
  Importer resumingFrom(Checkpoint.Previous previous) {
    this.previous = previous;
    return this;
  }

  /** Records the sandbox state this import runs against in its checkpoint. */
  Importer state(StateProbe probe) {
    this.state = probe;
    return this;
  }

  /**
   * Asks a running import to stop: no batch is started and no part of one sent again; the calls on
   * the wire finish (or time out) and are recorded, and {@link #run} returns. Thread-safe.
   */
  void stop() {
    stopping.set(true);
    BatchSender s = sender;
    if (s != null) {
      s.stop(); // first: a part woken from its wait below must find the sender stopping
    }
    stopped.countDown();
  }

  Progress.Counters counters() {
    return counters;
  }

  Throttle throttle() {
    return throttle;
  }

  /**
   * Imports every row of {@code source}; returns when each batch is stored, refused, failed or
   * (after {@link #stop()}) left for {@code --resume}.
   */
  Summary run(RowSource source) throws IOException, InterruptedException {
    long start = System.nanoTime();
    sender =
        BatchSender.builder(customers)
            .mode(settings.mode())
            .matchBy(settings.matchBy())
            .throttle(throttle)
            .waiter(waiter)
            .retryPolicy(retries)
            .redaction(redact)
            .build();
    if (stopping.get()) {
      sender.stop(); // asked before it started
    }
    PrivateFiles.directories(settings.rejects().toAbsolutePath().getParent());
    PrivateFiles.directories(settings.checkpoint().toAbsolutePath().getParent());
    if (!settings.resume()) {
      previous = new Checkpoint.Previous();
    } else {
      if (previous == null) {
        previous = Checkpoint.read(settings.checkpoint());
      }
      if (previous.batchSize > 0 && previous.batchSize != settings.batchSize()) {
        throw new IllegalArgumentException(
            "the interrupted import used --batch-size " + previous.batchSize);
      }
      Checkpoint.cutTornTail(settings.rejects());
      rejectedBefore = rejectedLines(settings.rejects(), settings.file());
    }
    OrderedLanes pool = new OrderedLanes(settings.concurrency(), "ecdp-import");
    String inputFailure = null;
    boolean complete = false;
    if (!settings.resume()
        && Files.isRegularFile(settings.rejects(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      // The rejects of an earlier import: this one's, if any, replace them (not a device, a pipe).
      Files.delete(settings.rejects());
    }
    try (RejectsFile rejects =
            new RejectsFile(() -> PrivateFiles.writer(settings.rejects(), !settings.resume()));
        Checkpoint checkpoint = Checkpoint.open(settings.checkpoint(), !settings.resume())) {
      if (settings.resume()) {
        // Rows the checkpoint says were rejected but a kill kept from the rejects file.
        Map<Long, String> kept = new HashMap<>(previous.rejectLines);
        kept.keySet().removeAll(rejectedBefore);
        rejects.recovered(kept);
        rejectedBefore = new HashSet<>(rejectedBefore);
        rejectedBefore.addAll(kept.keySet());
      }
      if (!settings.resume()) {
        checkpoint.header(header());
      }
      long batch = 0;
      List<Row> rows = new ArrayList<>(settings.batchSize());
      try {
        Row row;
        while (!authRefused.get() && !stopping.get() && (row = source.next()) != null) {
          counters.read.incrementAndGet();
          rows.add(row);
          if (rows.size() == settings.batchSize()) {
            submit(batch++, rows, pool, rejects, checkpoint);
            rows = new ArrayList<>(settings.batchSize());
          }
        }
        boolean readAll = !authRefused.get() && !stopping.get();
        if (!rows.isEmpty() && readAll) {
          submit(batch, rows, pool, rejects, checkpoint);
        }
        complete = readAll;
      } catch (IOException | UncheckedIOException | InputFileException e) {
        // The rows read so far are imported and recorded; the rest is left for --resume.
        inputFailure = e.getMessage();
      }
      pool.awaitIdle(); // every batch finished
      complete &= counters.failed.get() == 0 && !authRefused.get() && interruptedBatches.sum() == 0;
      if (complete) {
        checkpoint.complete(counters.read.get(), counters.accepted.get(), counters.rejected.get());
      }
    } finally {
      pool.close();
    }
    Throwable broken = pool.failure().orElse(null);
    if (broken instanceof UncheckedIOException e) {
      throw e.getCause(); // the checkpoint or the rejects file could not be written
    } else if (broken != null) {
      throw new IllegalStateException("a batch failed unexpectedly", broken);
    }
    List<RejectCount> byReason = new ArrayList<>();
    reasons.forEach((k, v) -> byReason.add(new RejectCount(k.get(0), k.get(1), v.sum())));
    byReason.sort(
        java.util.Comparator.comparingLong(RejectCount::count)
            .reversed()
            .thenComparing(r -> String.valueOf(r.field()))
            .thenComparing(RejectCount::rule));
    return new Summary(
        settings.file(),
        counters.read.get(),
        counters.sent.get(),
        counters.accepted.get(),
        counters.rejected.get(),
        counters.failed.get(),
        counters.skipped.get(),
        reconciled.sum(),
        Duration.ofNanos(System.nanoTime() - start),
        authRefused.get(),
        firstFailure.get(),
        failureCode.get() == null ? ExitCode.UNAVAILABLE : failureCode.get(),
        settings.rejects(),
        byReason,
        throttle.calls(),
        throttle.refusedCalls(),
        throttle.mostInFlight(),
        stopping.get() && !complete,
        inputFailure,
        callStats == null ? null : callStats.snapshot(),
        counters.resent.sum());
  }

  /** What this run imports, for the checkpoint's header. */
  private Checkpoint.Header header() throws IOException {
    Path input = Path.of(settings.file());
    return new Checkpoint.Header(
        Files.size(input),
        Files.getLastModifiedTime(input).toMillis(),
        settings.mode().value(),
        settings.matchBy().value(),
        settings.batchSize(),
        state == null ? null : state.id());
  }

  /** The lines of {@code file} already in the rejects file (written before an interruption). */
  private static Set<Long> rejectedLines(Path rejects, String file) throws IOException {
    Set<Long> lines = new HashSet<>();
    if (!Files.exists(rejects)) {
      return lines;
    }
    try (java.io.BufferedReader in = Files.newBufferedReader(rejects, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        try (jakarta.json.JsonReader r =
            JsonP.PROVIDER.createReader(new java.io.StringReader(line))) {
          jakarta.json.JsonObject o = r.readObject();
          if (file.equals(o.getString("file", null))) {
            lines.add(o.getJsonNumber("line").longValue());
          }
        } catch (RuntimeException e) {
          // not a reject line of ours
        }
      }
    }
    return lines;
  }

  private void submit(
      long index, List<Row> rows, OrderedLanes pool, RejectsFile rejects, Checkpoint checkpoint)
      throws InterruptedException, IOException {
    Set<Long> doneLines = previous.done.get(index);
    List<Row> todo = rows;
    if (doneLines != null) {
      if (doneLines.isEmpty()) { // the whole batch was recorded
        counters.skipped.addAndGet(rows.size());
        rejects.batch(index, List.of());
        return;
      }
      todo = new ArrayList<>();
      for (Row r : rows) {
        if (doneLines.contains(r.line())) {
          counters.skipped.incrementAndGet();
        } else {
          todo.add(r);
        }
      }
      if (todo.isEmpty()) {
        rejects.batch(index, List.of());
        return;
      }
    }
    List<Row> batch = todo;
    boolean inDoubt = previous.inDoubt(index);
    pool.awaitPendingAtMost(settings.concurrency() - 1); // a worker is free
    pool.submit(() -> new BatchRun(index, rows, batch, inDoubt, checkpoint).run(rejects));
  }

  /** One batch in flight: what was stored, refused and sent of it. */
  private final class BatchRun implements BatchListener<Row> {
    final long index;
    final List<Row> whole;
    final List<Row> rows;
    final boolean inDoubt;
    final Checkpoint checkpoint;
    final List<String> rejectLines = new ArrayList<>();
    final Set<Long> sentLines = new HashSet<>();
    final Set<Long> finishedLines = new HashSet<>();
    long accepted;
    long rejected;

    /**
     * A batch: {@code whole} as read, {@code rows} what is left of it to send; {@code inDoubt} when
     * an interrupted run sent it without recording its result.
     */
    BatchRun(long index, List<Row> whole, List<Row> rows, boolean inDoubt, Checkpoint checkpoint) {
      this.index = index;
      this.whole = whole;
      this.rows = rows;
      this.inDoubt = inDoubt;
      this.checkpoint = checkpoint;
    }

    void run(RejectsFile rejects) {
      List<Row> candidates = new ArrayList<>();
      for (Row r : rows) {
        if (r.refused()) {
          reject(r, r.field(), r.reason());
        } else {
          candidates.add(r);
        }
      }
      boolean stopped = false;
      boolean interrupted = false;
      if (!candidates.isEmpty()) {
        BatchOutcome<Row> outcome;
        try {
          outcome = sender.send(candidates, Row::record, this);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          outcome = null;
        }
        if (outcome == null || outcome.interrupted()) {
          stopped = true;
          interrupted = true;
        } else if (!outcome.complete()) {
          stopped = true;
          outcome.failure().ifPresent(this::fail);
        }
      }
      counters.accepted.addAndGet(accepted);
      counters.rejected.addAndGet(rejected);
      if (stopped && !interrupted) {
        counters.failed.addAndGet(rows.size() - finishedLines.size());
      } else if (stopped) {
        interruptedBatches.increment();
      }
      record(stopped, rejects);
    }

    @Override
    public void sending() {
      // Before anything of it can be stored: a kill from here on leaves it in doubt.
      try {
        checkpoint.sending(index);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void sent(List<Row> items) {
      for (Row r : items) {
        if (sentLines.add(r.line())) {
          counters.sent.incrementAndGet(); // each row once, however often it is sent
        }
      }
    }

    @Override
    public void resending() {
      counters.resent.increment();
    }

    @Override
    public void accepted(List<Row> items) {
      for (Row r : items) {
        finishedLines.add(r.line());
      }
      accepted += items.size();
    }

    /**
     * A record the service (or the client) refused: rejected, unless it is in doubt, the mode is
     * {@code Add}, and the service already holds it as sent (stored before an interruption).
     */
    @Override
    public void refused(Row row, Refusal why) {
      if (why.byService()
          && inDoubt
          && UpsertMode.ADD.equals(settings.mode())
          && storedAsSent(row)) {
        reconciled.increment();
        accepted++;
        finishedLines.add(row.line());
        return;
      }
      reject(row, why.field(), why.rule());
    }

    /**
     * Records {@code e} as the import's failure, when it is the first, with its exit code; a key
     * the service refused stops the reading of the input.
     */
    private void fail(EcdpException e) {
      if (e instanceof UnauthorizedException || e instanceof ForbiddenException) {
        authRefused.set(true);
      }
      if (firstFailure.compareAndSet(null, e.getMessage())) {
        failureCode.set(ExitCode.of(e));
      }
    }

    /**
     * Whether the service holds {@code row}'s record with every value it sets. A failed lookup
     * leaves it neither stored nor refused for sure: the exception stops the batch, which stays in
     * doubt for the next {@code --resume}.
     */
    private boolean storedAsSent(Row row) {
      CustomerKey key = Reconcile.key(settings.matchBy(), row.record());
      if (key == null) {
        return false; // no lookup by this match key: the refusal stands
      }
      return customers.get(key).customer().map(c -> Reconcile.holds(c, row.record())).orElse(false);
    }

    private void reject(Row row, String field, String reason) {
      String why = reason == null ? "refused" : reason;
      rejected++;
      if (!rejectedBefore.contains(row.line())) { // else written before an interruption
        rejectLines.add(rejectLine(row, field, why));
      }
      finishedLines.add(row.line());
      reasons
          .computeIfAbsent(java.util.Arrays.asList(field, why), k -> new LongAdder())
          .increment();
    }

    private void record(boolean stopped, RejectsFile rejects) {
      try {
        if (stopped && finishedLines.isEmpty()) {
          rejects.batch(index, List.of());
          return; // nothing of it finished: --resume sends it all again
        }
        Set<Long> finished = null;
        if (stopped) {
          // Part of the batch was stored or refused: --resume sends only the other lines. Lines
          // an earlier run finished are recorded again, as this line stands for the whole batch.
          finished = new HashSet<>(finishedLines);
          finished.addAll(previous.done.getOrDefault(index, Set.of()));
        }
        // The checkpoint first: it holds the rejected rows too, so they outlive a kill that
        // comes before the rejects file has them (it writes them in line order).
        checkpoint.result(
            index,
            settings.batchSize(),
            whole.get(0).line(),
            whole.get(whole.size() - 1).line(),
            accepted,
            rejected,
            finished,
            state == null ? -1 : state.sequence(),
            rejectLines);
        rejects.batch(index, rejectLines);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private String rejectLine(Row row, String field, String reason) {
    JsonObjectBuilder b =
        JsonP.PROVIDER.createObjectBuilder().add("file", settings.file()).add("line", row.line());
    if (field != null) {
      b.add("field", field);
    }
    b.add("reason", reason);
    if (row.raw() != null) {
      b.add("input", row.raw());
    }
    return b.build().toString();
  }
}
