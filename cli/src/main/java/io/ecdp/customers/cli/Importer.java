package io.ecdp.customers.cli;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.Customers;
import io.ecdp.customers.RetryPolicy;
import io.ecdp.customers.errors.BadRequestException;
import io.ecdp.customers.errors.EcdpException;
import io.ecdp.customers.errors.ForbiddenException;
import io.ecdp.customers.errors.ProblemDetails;
import io.ecdp.customers.errors.RateLimitedException;
import io.ecdp.customers.errors.ServerException;
import io.ecdp.customers.errors.TransportException;
import io.ecdp.customers.errors.UnauthorizedException;
import io.ecdp.customers.errors.ValidationException;
import io.ecdp.customers.errors.Violation;
import io.ecdp.customers.internal.Backoff;
import io.ecdp.customers.internal.Redactor;
import io.ecdp.customers.model.CustomerRecord;
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
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
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
 * <p>A batch the server refuses ({@code 400}) is taken apart: entries of the problem's {@code
 * errors} in the one form the spec attributes to a record ({@code x-record-error-form}, D13) take
 * those records out at once; when the answer names no record, the batch is split in halves that are
 * sent again, down to single records, so that every good record is stored and every refused one is
 * reported with the server's own words.
 *
 * <p>What a kill, an interrupt or a failure leaves is exact ({@link Checkpoint}): a batch is
 * recorded as {@code sending} before it first goes on the wire and with its result after; on {@code
 * --resume}, the records of a batch that was sent but not recorded are <em>in doubt</em>. Under
 * {@code Add}, an in-doubt record the service refuses is looked up by its match key: when the
 * service holds it with the values sent, it was stored before the interruption and counts as
 * reconciled, not rejected.
 */
final class Importer {

  /**
   * The most times one part of a batch is answered 429 before it counts failed. A 429 is the
   * throttle's signal to slow down, not a failure, so it has a budget of its own: the client hands
   * each one back ({@link RetryPolicy#retryRateLimited()}) and retries everything else itself.
   */
  static final int MAX_RATE_LIMITED = 20;

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

  /** Why a group of records could not be finished; the batch stays unrecorded. */
  private static final class Stop extends Exception {
    private static final long serialVersionUID = 1L;

    /** Whether the import was asked to stop, rather than failing. */
    final boolean interrupted;

    Stop(boolean interrupted) {
      super(null, null, false, false);
      this.interrupted = interrupted;
    }
  }

  private final Customers customers;
  private final Settings settings;
  private final Throttle throttle;
  private final Throttle.Sleeper waiter;
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
    ExecutorService pool =
        Executors.newFixedThreadPool(
            settings.concurrency(),
            r -> {
              Thread t = new Thread(r, "ecdp-import");
              t.setDaemon(true);
              return t;
            });
    Semaphore workers = new Semaphore(settings.concurrency());
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
            submit(batch++, rows, pool, workers, rejects, checkpoint);
            rows = new ArrayList<>(settings.batchSize());
          }
        }
        boolean readAll = !authRefused.get() && !stopping.get();
        if (!rows.isEmpty() && readAll) {
          submit(batch, rows, pool, workers, rejects, checkpoint);
        }
        complete = readAll;
      } catch (IOException | UncheckedIOException | InputFileException e) {
        // The rows read so far are imported and recorded; the rest is left for --resume.
        inputFailure = e.getMessage();
      }
      workers.acquire(settings.concurrency()); // every batch finished
      complete &= counters.failed.get() == 0 && !authRefused.get() && interruptedBatches.sum() == 0;
      if (complete) {
        checkpoint.complete(counters.read.get(), counters.accepted.get(), counters.rejected.get());
      }
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
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
      long index,
      List<Row> rows,
      ExecutorService pool,
      Semaphore workers,
      RejectsFile rejects,
      Checkpoint checkpoint)
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
    workers.acquire();
    pool.execute(
        () -> {
          try {
            new BatchRun(index, rows, batch, inDoubt).run(rejects, checkpoint);
          } finally {
            workers.release();
          }
        });
  }

  /** One batch in flight: what was stored, refused and sent of it. */
  private final class BatchRun {
    final long index;
    final List<Row> whole;
    final List<Row> rows;
    final boolean inDoubt;
    final List<String> rejectLines = new ArrayList<>();
    final Set<Long> sentLines = new HashSet<>();
    final Set<Long> finishedLines = new HashSet<>();
    long accepted;
    long rejected;
    boolean announced;

    /**
     * A batch: {@code whole} as read, {@code rows} what is left of it to send; {@code inDoubt} when
     * an interrupted run sent it without recording its result.
     */
    BatchRun(long index, List<Row> whole, List<Row> rows, boolean inDoubt) {
      this.index = index;
      this.whole = whole;
      this.rows = rows;
      this.inDoubt = inDoubt;
    }

    void run(RejectsFile rejects, Checkpoint checkpoint) {
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
      try {
        if (!candidates.isEmpty()) {
          deliver(candidates, checkpoint);
        }
      } catch (Stop e) {
        stopped = true;
        interrupted = e.interrupted;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopped = true;
        interrupted = true;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      counters.accepted.addAndGet(accepted);
      counters.rejected.addAndGet(rejected);
      if (stopped && !interrupted) {
        counters.failed.addAndGet(rows.size() - finishedLines.size());
      } else if (stopped) {
        interruptedBatches.increment();
      }
      record(stopped, rejects, checkpoint);
    }

    /** Sends {@code group} until each of its records is stored or refused. */
    void deliver(List<Row> group, Checkpoint checkpoint)
        throws Stop, InterruptedException, IOException {
      List<Row> candidates = group;
      int rateLimited = 0;
      boolean again = false; // the part was answered 429: the next call sends it again
      while (!candidates.isEmpty()) {
        if (authRefused.get()) {
          throw new Stop(false);
        }
        if (stopping.get()) {
          throw new Stop(true);
        }
        List<CustomerRecord> records = new ArrayList<>(candidates.size());
        for (Row r : candidates) {
          records.add(r.record());
        }
        Throttle.Permit permit = throttle.acquire();
        boolean released = false;
        try {
          if (stopping.get()) {
            throttle.notSent();
            released = true;
            throw new Stop(true);
          }
          if (!announced) {
            // Before anything of it can be stored: a kill from here on leaves it in doubt.
            checkpoint.sending(index);
            announced = true;
          }
          if (again) {
            counters.resent.increment();
            again = false;
          }
          customers.upsert(settings.mode(), settings.matchBy(), records);
          throttle.succeeded(permit);
          released = true;
          markSent(candidates);
          for (Row r : candidates) {
            finishedLines.add(r.line());
          }
          accepted += candidates.size();
          return;
        } catch (ValidationException e) {
          // Refused by the client before anything was sent: not counted as sent.
          throttle.notSent();
          released = true;
          candidates = peel(candidates, localRefusals(e.violations()), null, false);
          if (candidates == null) {
            return;
          }
        } catch (BadRequestException e) {
          throttle.release();
          released = true;
          markSent(candidates);
          List<Row> rest = peel(candidates, attributed(e, redact), words(e, redact), true);
          if (rest == null) {
            return;
          }
          if (rest.size() < candidates.size()) {
            candidates = rest; // the named records are out; send the others again
            continue;
          }
          // The answer names no record: halve the group and send the halves, in order.
          int half = candidates.size() / 2;
          deliver(new ArrayList<>(candidates.subList(0, half)), checkpoint);
          deliver(new ArrayList<>(candidates.subList(half, candidates.size())), checkpoint);
          return;
        } catch (RateLimitedException e) {
          // Handed back by the client at once: the throttle lowers its rate, and this part is
          // sent again under it.
          throttle.refused(permit);
          released = true;
          rateLimited = rateLimited(e, ++rateLimited, candidates);
          again = true;
        } catch (ServerException e) {
          // After the client's retries. A 503 still lowers the concurrency of the calls to come.
          if (e.status() == 503) {
            throttle.unavailable(permit);
          } else {
            throttle.release();
          }
          released = true;
          markSent(candidates);
          throw fail(e);
        } catch (UnauthorizedException | ForbiddenException e) {
          throttle.release();
          released = true;
          markSent(candidates); // the service received them, and refused the key
          authRefused.set(true);
          throw fail(e);
        } catch (TransportException e) {
          // After the client's retries (it retries a batch only when it certainly did not leave).
          // Not refused, not stored for sure: the batch stays unrecorded, so --resume sends it.
          throttle.release();
          released = true;
          if (e.requestSent()) {
            markSent(candidates);
          }
          throw fail(e);
        } catch (EcdpException e) {
          // Any other answer (409, one the spec does not document, ...): its exit code is
          // ExitCode.of's.
          throttle.release();
          released = true;
          markSent(candidates);
          throw fail(e);
        } finally {
          if (!released) {
            throttle.release();
          }
        }
      }
    }

    /**
     * After a 429: waits what the server announced (up to the longest the retry policy honours), or
     * the policy's backoff, before this part is sent again; the other calls go on at the lowered
     * pace. Returns how many 429s this part has had.
     */
    private int rateLimited(RateLimitedException e, int refusals, List<Row> candidates)
        throws Stop, InterruptedException {
      markSent(candidates);
      if (refusals >= MAX_RATE_LIMITED) {
        throw fail(e);
      }
      Duration wait = waitAfter(e, refusals);
      if (wait == null) {
        throw fail(e); // a Retry-After longer than the policy honours
      }
      waiter.sleepNanos(wait.toNanos());
      if (stopping.get()) {
        throw new Stop(true);
      }
      return refusals;
    }

    /** Records {@code e} as the import's failure, when it is the first, with its exit code. */
    private Stop fail(EcdpException e) {
      if (firstFailure.compareAndSet(null, e.getMessage())) {
        failureCode.set(ExitCode.of(e));
      }
      return new Stop(false);
    }

    private void markSent(List<Row> candidates) {
      for (Row r : candidates) {
        if (sentLines.add(r.line())) {
          counters.sent.incrementAndGet(); // each row once, however often it is sent
        }
      }
    }

    /**
     * Moves the refused records to the rejects; returns the rest (null when none is left), or
     * {@code candidates} itself when no record was named: then a single record is refused with
     * {@code unnamed} (when not null), as the server's answer can only be about it.
     */
    private List<Row> peel(
        List<Row> candidates, List<String[]> refused, String unnamed, boolean byService)
        throws Stop {
      Map<Integer, List<String[]>> byIndex = new TreeMap<>();
      for (String[] r : refused) {
        int i = Integer.parseInt(r[0]);
        if (i >= 0 && i < candidates.size()) {
          byIndex.computeIfAbsent(i, k -> new ArrayList<>()).add(r);
        }
      }
      if (byIndex.isEmpty()) {
        if (candidates.size() == 1 || unnamed == null) {
          // A whole-request refusal, or the answer about a single record: it carries the words.
          for (Row r : candidates) {
            refuse(
                r, null, unnamed != null ? unnamed : "refused by the client's checks", byService);
          }
          return null;
        }
        return candidates;
      }
      List<Row> rest = new ArrayList<>();
      for (int i = 0; i < candidates.size(); i++) {
        List<String[]> why = byIndex.get(i);
        if (why == null) {
          rest.add(candidates.get(i));
        } else {
          String[] first = why.get(0);
          StringBuilder reason = new StringBuilder(first[2]);
          for (int k = 1; k < why.size(); k++) {
            reason.append("; ").append(why.get(k)[1]).append(": ").append(why.get(k)[2]);
          }
          refuse(
              candidates.get(i),
              first[1].isEmpty() ? null : first[1],
              reason.toString(),
              byService);
        }
      }
      return rest.isEmpty() ? null : rest;
    }

    /**
     * A record the service (or the client) refused: rejected, unless it is in doubt, the mode is
     * {@code Add}, and the service already holds it as sent (stored before an interruption).
     */
    private void refuse(Row row, String field, String reason, boolean byService) throws Stop {
      if (byService && inDoubt && UpsertMode.ADD.equals(settings.mode()) && storedAsSent(row)) {
        reconciled.increment();
        accepted++;
        finishedLines.add(row.line());
        return;
      }
      reject(row, field, reason);
    }

    /** Whether the service holds {@code row}'s record with every value it sets. */
    private boolean storedAsSent(Row row) throws Stop {
      CustomerKey key = Reconcile.key(settings.matchBy(), row.record());
      if (key == null) {
        return false; // no lookup by this match key: the refusal stands
      }
      try {
        return customers
            .get(key)
            .customer()
            .map(c -> Reconcile.holds(c, row.record()))
            .orElse(false);
      } catch (EcdpException e) {
        // Neither stored nor refused for sure: the batch stays in doubt for the next --resume.
        throw fail(e);
      }
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

    private void record(boolean stopped, RejectsFile rejects, Checkpoint checkpoint) {
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

  /**
   * How long a part waits after its {@code refusals}-th 429, as the client's policy would have it;
   * null when the server asked for longer than the policy honours.
   */
  Duration waitAfter(RateLimitedException e, int refusals) {
    Duration announced = e.retryAfter().orElse(null);
    if (announced != null && retries.honourRetryAfter()) {
      return announced.compareTo(retries.maxRetryAfter()) > 0 ? null : announced;
    }
    return Backoff.of(retries, refusals, ThreadLocalRandom.current().nextDouble());
  }

  private static List<String[]> localRefusals(List<Violation> violations) {
    List<String[]> out = new ArrayList<>();
    for (Violation v : violations) {
      out.add(new String[] {String.valueOf(v.recordIndex()), v.field(), v.rule()});
    }
    return out;
  }

  /**
   * The records the answer names ({@link BadRequestException#violations()}): index, field, rule.
   */
  private static List<String[]> attributed(BadRequestException e, UnaryOperator<String> redact) {
    List<String[]> refused = new ArrayList<>();
    for (Violation v : e.violations()) {
      refused.add(
          new String[] {
            String.valueOf(v.recordIndex()), redact.apply(v.field()), redact.apply(v.rule())
          });
    }
    return refused;
  }

  /**
   * The server's own words for a refusal that names no record: its {@code errors}, else its title.
   * (The {@code detail} may hold customer data, so it is not repeated.)
   */
  private static String words(BadRequestException e, UnaryOperator<String> redact) {
    List<String> errors = e.problem().map(ProblemDetails::errors).orElse(List.of());
    if (!errors.isEmpty()) {
      return redact.apply(String.join("; ", errors));
    }
    String title = e.problem().map(ProblemDetails::title).orElse(null);
    return title != null
        ? "refused by the API: " + redact.apply(title)
        : "refused by the API (400)";
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
