package io.ecdp.customers.imports;

import io.ecdp.customers.errors.EcdpException;
import io.ecdp.customers.errors.EcdpServiceException;
import io.ecdp.customers.errors.RateLimitedException;
import io.ecdp.customers.errors.ServerException;
import io.ecdp.customers.errors.TransportException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Says how a batch ended: complete (every item stored or refused), interrupted by {@link
 * BatchSender#stop()}, or failed, with the items left unfinished.
 *
 * @param <T> the caller's item
 */
public final class BatchOutcome<T> {

  private final List<T> unfinished;
  private final @Nullable EcdpException failure;
  private final boolean interrupted;

  BatchOutcome(List<T> unfinished, @Nullable EcdpException failure, boolean interrupted) {
    this.unfinished = List.copyOf(unfinished);
    this.failure = failure;
    this.interrupted = interrupted;
  }

  /**
   * Returns whether every item was stored or refused.
   *
   * @return true when nothing is left unfinished
   */
  public boolean complete() {
    return unfinished.isEmpty() && failure == null && !interrupted;
  }

  /**
   * Returns whether the batch stopped because {@link BatchSender#stop()} was called.
   *
   * @return true when interrupted
   */
  public boolean interrupted() {
    return interrupted;
  }

  /**
   * Returns why the batch stopped: the client's exception (after the client's own retries and the
   * sender's budget of {@code 429}s), or the one that halted the sender ({@code 401}, {@code 403});
   * empty when it is complete or interrupted.
   *
   * @return the failure, if any
   */
  public Optional<EcdpException> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * Returns the items neither stored nor refused, in the batch's order: an interrupted or failed
   * batch may have stored some of them (the request went out and its answer was lost), so sending
   * them again must be safe ({@code AddOrUpdate}, {@code Update}).
   *
   * @return the unfinished items
   */
  public List<T> unfinished() {
    return unfinished;
  }

  /**
   * Returns whether the failure may pass by itself: a {@code 429}, a {@code 5xx}, or the service
   * not reached or not answering.
   *
   * @return true when sending the unfinished items again later may succeed
   */
  public boolean retriable() {
    return failure instanceof RateLimitedException
        || failure instanceof ServerException
        || failure instanceof TransportException;
  }

  /**
   * Returns how long the service asked to wait before sending again ({@code Retry-After}), when it
   * did.
   *
   * @return the wait the service asked for, if any
   */
  public Optional<Duration> retryAfter() {
    return failure instanceof EcdpServiceException e ? e.retryAfter() : Optional.empty();
  }

  @Override
  public String toString() {
    return complete()
        ? "complete"
        : (interrupted ? "interrupted" : "failed (" + failure + ")")
            + ", "
            + unfinished.size()
            + " unfinished";
  }
}
