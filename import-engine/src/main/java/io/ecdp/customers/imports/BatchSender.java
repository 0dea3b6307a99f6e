package io.ecdp.customers.imports;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Sends batches of customer records until each record is stored or refused; one sender is shared by
 * every thread that sends, and is thread-safe.
 *
 * <p>A batch the service refuses ({@code 400}) is taken apart: entries of the problem's {@code
 * errors} in the one form the spec attributes to a record ({@code x-record-error-form}) take those
 * records out at once, and the rest is sent again; when the answer names no record, the batch is
 * split in halves that are sent, in order, down to single records. So every good record is stored
 * and every refused one is reported with the server's own words. Records the client's own checks
 * refuse (before anything is sent) are reported the same way.
 *
 * <p>A {@code 429} is the {@link Throttle}'s signal to slow every batch down, not a failure: the
 * part waits what the service announced ({@code Retry-After}, up to the longest the retry policy
 * honours, else the policy's backoff) and is sent again, at most {@link Builder#maxRateLimited}
 * times. The client must hand 429s back at once ({@link RetryPolicy#retryRateLimited()} false) so
 * that the throttle hears them; it retries everything else itself. A {@code 401} or {@code 403}
 * halts the sender: every batch then stops with that failure.
 */
public final class BatchSender {

  /** The most times one part of a batch is answered 429, by default, before the batch fails. */
  public static final int DEFAULT_MAX_RATE_LIMITED = 20;

  private final Customers customers;
  private final UpsertMode mode;
  private final MatchBy matchBy;
  private final Throttle throttle;
  private final Throttle.Sleeper waiter;
  private final RetryPolicy retries;
  private final int maxRateLimited;
  private final UnaryOperator<String> redact;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicReference<@Nullable EcdpException> halted = new AtomicReference<>();

  private BatchSender(Builder b) {
    this.customers = b.customers;
    this.mode = Objects.requireNonNull(b.mode, "mode");
    this.matchBy = Objects.requireNonNull(b.matchBy, "matchBy");
    Throttle.Sleeper untilStopped = nanos -> stopped.await(nanos, TimeUnit.NANOSECONDS);
    this.throttle =
        b.throttle != null
            ? b.throttle
            : new Throttle(b.maxInFlight, System::nanoTime, untilStopped); // stop() ends a wait
    this.waiter = b.waiter != null ? b.waiter : untilStopped;
    this.retries = b.retries;
    this.maxRateLimited = b.maxRateLimited;
    this.redact = b.redact;
  }

  /**
   * Starts building a sender that calls {@code customers}.
   *
   * @param customers the operations of a client whose retry policy hands 429s back
   * @return a builder
   */
  public static Builder builder(Customers customers) {
    return new Builder(Objects.requireNonNull(customers, "customers"));
  }

  /**
   * Returns the throttle every batch of this sender goes through.
   *
   * @return the throttle
   */
  public Throttle throttle() {
    return throttle;
  }

  /**
   * Returns the mode records are sent with.
   *
   * @return the upsert mode
   */
  public UpsertMode mode() {
    return mode;
  }

  /**
   * Returns the match key records are sent with.
   *
   * @return the match key
   */
  public MatchBy matchBy() {
    return matchBy;
  }

  /**
   * Asks every running {@link #send} to stop: no part is sent again, waits after a 429 are cut
   * short, and requests on the wire finish (or time out). Sends that start afterwards stop at once.
   */
  public void stop() {
    stopping.set(true);
    stopped.countDown();
  }

  /**
   * Returns whether {@link #stop()} was called.
   *
   * @return true once stopping
   */
  public boolean stopping() {
    return stopping.get();
  }

  /**
   * Sends {@code items} until each is stored or refused, or the batch stops (a failure, a halt or
   * {@link #stop()}); what becomes of each item is told to {@code listener}, on this thread.
   *
   * @param <T> the caller's item
   * @param items the batch, at most as many records as one request may hold
   * @param recordOf the record of an item
   * @param listener hears what becomes of the items
   * @return how the batch ended
   * @throws InterruptedException when this thread is interrupted while it waits
   */
  public <T> BatchOutcome<T> send(
      List<T> items, Function<? super T, CustomerRecord> recordOf, BatchListener<T> listener)
      throws InterruptedException {
    Batch<T> batch = new Batch<>(items, recordOf, listener);
    List<Integer> all = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      all.add(i);
    }
    try {
      batch.deliver(all);
      return new BatchOutcome<>(List.of(), null, false);
    } catch (Stop e) {
      List<T> unfinished = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        if (!batch.finished[i]) {
          unfinished.add(items.get(i));
        }
      }
      return new BatchOutcome<>(unfinished, e.failure, e.failure == null);
    }
  }

  /** Why a batch stopped: a failure, or (null) {@link #stop()}. */
  private static final class Stop extends Exception {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // never serialized
    final @Nullable EcdpException failure;

    Stop(@Nullable EcdpException failure) {
      super(null, null, false, false);
      this.failure = failure;
    }
  }

  /** One batch being sent. */
  private final class Batch<T> {
    final List<T> items;
    final Function<? super T, CustomerRecord> recordOf;
    final BatchListener<T> listener;
    final boolean[] finished;
    boolean announced;

    Batch(List<T> items, Function<? super T, CustomerRecord> recordOf, BatchListener<T> listener) {
      this.items = items;
      this.recordOf = recordOf;
      this.listener = listener;
      this.finished = new boolean[items.size()];
    }

    /** Sends {@code group} (indices into the batch) until each of its records is finished. */
    void deliver(List<Integer> group) throws Stop, InterruptedException {
      List<Integer> candidates = group;
      int rateLimited = 0;
      boolean again = false; // the part was answered 429: the next call sends it again
      while (!candidates.isEmpty()) {
        EcdpException halt = halted.get();
        if (halt != null) {
          throw new Stop(halt);
        }
        if (stopping.get()) {
          throw new Stop(null);
        }
        List<CustomerRecord> records = new ArrayList<>(candidates.size());
        for (int i : candidates) {
          records.add(recordOf.apply(items.get(i)));
        }
        Throttle.Permit permit = throttle.acquire();
        boolean released = false;
        try {
          if (stopping.get()) {
            throttle.notSent();
            released = true;
            throw new Stop(null);
          }
          if (!announced) {
            listener.sending();
            announced = true;
          }
          if (again) {
            listener.resending();
            again = false;
          }
          customers.upsert(mode, matchBy, records);
          throttle.succeeded(permit);
          released = true;
          List<T> stored = itemsOf(candidates);
          listener.sent(stored);
          for (int i : candidates) {
            finished[i] = true;
          }
          listener.accepted(stored);
          return;
        } catch (ValidationException e) {
          // Refused by the client before anything was sent: not counted as a call.
          throttle.notSent();
          released = true;
          candidates = peel(candidates, local(e.violations()), null, false);
          if (candidates == null) {
            return;
          }
        } catch (BadRequestException e) {
          throttle.release();
          released = true;
          listener.sent(itemsOf(candidates));
          List<Integer> rest = peel(candidates, attributed(e), words(e), true);
          if (rest == null) {
            return;
          }
          if (rest.size() < candidates.size()) {
            candidates = rest; // the named records are out; send the others again
            continue;
          }
          // The answer names no record: halve the group and send the halves, in order.
          int half = candidates.size() / 2;
          deliver(new ArrayList<>(candidates.subList(0, half)));
          deliver(new ArrayList<>(candidates.subList(half, candidates.size())));
          return;
        } catch (RateLimitedException e) {
          // Handed back by the client at once: the throttle lowers its limits, and this part is
          // sent again under them.
          throttle.refused(permit);
          released = true;
          listener.sent(itemsOf(candidates));
          rateLimited = waitAfterRefusal(e, ++rateLimited);
          again = true;
        } catch (ServerException e) {
          // After the client's retries. A 503 still lowers the concurrency of the calls to come.
          if (e.status() == 503) {
            throttle.unavailable(permit);
          } else {
            throttle.release();
          }
          released = true;
          listener.sent(itemsOf(candidates));
          throw new Stop(e);
        } catch (UnauthorizedException | ForbiddenException e) {
          throttle.release();
          released = true;
          listener.sent(itemsOf(candidates)); // the service received them, and refused the key
          halted.compareAndSet(null, e);
          throw new Stop(e);
        } catch (TransportException e) {
          // After the client's retries (it retries a batch only when it certainly did not leave).
          throttle.release();
          released = true;
          if (e.requestSent()) {
            listener.sent(itemsOf(candidates));
          }
          throw new Stop(e);
        } catch (EcdpException e) {
          // Any other answer (409, one the spec does not document, ...).
          throttle.release();
          released = true;
          listener.sent(itemsOf(candidates));
          throw new Stop(e);
        } finally {
          if (!released) {
            throttle.release();
          }
        }
      }
    }

    /**
     * After a 429: waits what the server announced (up to the longest the retry policy honours), or
     * the policy's backoff, before this part is sent again. Returns how many 429s it has had.
     */
    private int waitAfterRefusal(RateLimitedException e, int refusals)
        throws Stop, InterruptedException {
      if (refusals >= maxRateLimited) {
        throw new Stop(e);
      }
      Duration wait = waitAfter(e, refusals);
      if (wait == null) {
        throw new Stop(e); // a Retry-After longer than the policy honours
      }
      waiter.sleepNanos(wait.toNanos());
      if (stopping.get()) {
        throw new Stop(null);
      }
      return refusals;
    }

    private List<T> itemsOf(List<Integer> indices) {
      List<T> out = new ArrayList<>(indices.size());
      for (int i : indices) {
        out.add(items.get(i));
      }
      return out;
    }

    /**
     * Finishes the refused records; returns the rest (null when none is left), or {@code
     * candidates} itself when no record was named: then a single record is refused with {@code
     * unnamed} (when not null), as the server's answer can only be about it.
     */
    private @Nullable List<Integer> peel(
        List<Integer> candidates,
        List<String[]> refused,
        @Nullable String unnamed,
        boolean byService)
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
          for (int i : candidates) {
            refuse(
                i,
                new Refusal(
                    null, unnamed != null ? unnamed : "refused by the client's checks", byService));
          }
          return null;
        }
        return candidates;
      }
      List<Integer> rest = new ArrayList<>();
      for (int k = 0; k < candidates.size(); k++) {
        List<String[]> why = byIndex.get(k);
        if (why == null) {
          rest.add(candidates.get(k));
        } else {
          String[] first = why.get(0);
          StringBuilder reason = new StringBuilder(first[2]);
          for (int j = 1; j < why.size(); j++) {
            reason.append("; ").append(why.get(j)[1]).append(": ").append(why.get(j)[2]);
          }
          refuse(
              candidates.get(k),
              new Refusal(first[1].isEmpty() ? null : first[1], reason.toString(), byService));
        }
      }
      return rest.isEmpty() ? null : rest;
    }

    private void refuse(int index, Refusal why) throws Stop {
      finished[index] = true;
      try {
        listener.refused(items.get(index), why);
      } catch (EcdpException e) {
        throw new Stop(e);
      }
    }
  }

  /**
   * How long a part waits after its {@code refusals}-th 429, as the client's policy would have it;
   * null when the server asked for longer than the policy honours.
   */
  @Nullable Duration waitAfter(RateLimitedException e, int refusals) {
    Duration announced = e.retryAfter().orElse(null);
    if (announced != null && retries.honourRetryAfter()) {
      return announced.compareTo(retries.maxRetryAfter()) > 0 ? null : announced;
    }
    return Backoff.of(retries, refusals, ThreadLocalRandom.current().nextDouble());
  }

  private static List<String[]> local(List<Violation> violations) {
    List<String[]> out = new ArrayList<>();
    for (Violation v : violations) {
      out.add(new String[] {String.valueOf(v.recordIndex()), v.field(), v.rule()});
    }
    return out;
  }

  /** The records the answer names: index, field, rule (masked). */
  private List<String[]> attributed(BadRequestException e) {
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
  private String words(BadRequestException e) {
    List<String> errors = e.problem().map(ProblemDetails::errors).orElse(List.of());
    if (!errors.isEmpty()) {
      return redact.apply(String.join("; ", errors));
    }
    String title = e.problem().map(ProblemDetails::title).orElse(null);
    return title != null
        ? "refused by the API: " + redact.apply(title)
        : "refused by the API (400)";
  }

  /** Builds a {@link BatchSender}. */
  public static final class Builder {
    private final Customers customers;
    private @Nullable UpsertMode mode;
    private @Nullable MatchBy matchBy;
    private @Nullable Throttle throttle;
    private int maxInFlight = 4;
    private Throttle.@Nullable Sleeper waiter;
    private RetryPolicy retries = RetryPolicy.defaults();
    private int maxRateLimited = DEFAULT_MAX_RATE_LIMITED;
    private UnaryOperator<String> redact = new Redactor(null)::redact;

    private Builder(Customers customers) {
      this.customers = customers;
    }

    /**
     * Sets the mode records are sent with (required).
     *
     * @param mode {@code Add}, {@code Update} or {@code AddOrUpdate}
     * @return this builder
     */
    public Builder mode(UpsertMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Sets the match key records are sent with (required).
     *
     * @param matchBy the match key
     * @return this builder
     */
    public Builder matchBy(MatchBy matchBy) {
      this.matchBy = Objects.requireNonNull(matchBy, "matchBy");
      return this;
    }

    /**
     * Sets the most calls in flight at once, the cap of the sender's own throttle; by default 4.
     * Not used when a {@link #throttle} is given.
     *
     * @param calls at least 1
     * @return this builder
     */
    public Builder maxInFlight(int calls) {
      if (calls < 1) {
        throw new IllegalArgumentException("maxInFlight must be at least 1: " + calls);
      }
      this.maxInFlight = calls;
      return this;
    }

    /**
     * Sets the throttle every batch goes through; by default, a throttle of {@link #maxInFlight}
     * whose waits {@link BatchSender#stop()} cuts short.
     *
     * @param throttle the throttle
     * @return this builder
     */
    public Builder throttle(Throttle throttle) {
      this.throttle = Objects.requireNonNull(throttle, "throttle");
      return this;
    }

    /**
     * Sets how a part waits after a 429 (tests give a fake); by default, a wait that {@link
     * BatchSender#stop()} cuts short.
     *
     * @param waiter the wait
     * @return this builder
     */
    public Builder waiter(Throttle.Sleeper waiter) {
      this.waiter = Objects.requireNonNull(waiter, "waiter");
      return this;
    }

    /**
     * Sets the policy that says how long a part waits after a 429: the announced {@code
     * Retry-After} up to the longest it honours, else its backoff. By default, the client's
     * defaults.
     *
     * @param policy the retry policy
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retries = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Sets how many times one part may be answered 429 before the batch fails (retriably); by
     * default {@value BatchSender#DEFAULT_MAX_RATE_LIMITED}.
     *
     * @param times at least 1
     * @return this builder
     */
    public Builder maxRateLimited(int times) {
      if (times < 1) {
        throw new IllegalArgumentException("maxRateLimited must be at least 1: " + times);
      }
      this.maxRateLimited = times;
      return this;
    }

    /**
     * Sets how the server's words (a refusal's field, rule, errors and title) are masked before
     * they reach a {@link Refusal}: a server may echo the key or personal data back. By default,
     * personal data is masked.
     *
     * @param redact the masking function
     * @return this builder
     */
    public Builder redaction(UnaryOperator<String> redact) {
      this.redact = Objects.requireNonNull(redact, "redact");
      return this;
    }

    /**
     * Builds the sender.
     *
     * @return a new sender
     * @throws NullPointerException when the mode or the match key is missing
     */
    public BatchSender build() {
      return new BatchSender(this);
    }
  }
}
