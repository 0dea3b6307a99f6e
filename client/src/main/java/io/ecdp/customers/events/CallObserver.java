package io.ecdp.customers.events;

/**
 * Receives the events of one call after it started: each attempt's start and end, then the call's
 * end, exactly once, whether it succeeded or failed.
 *
 * <p>The events of one call come one at a time, in order, from the thread that runs it (for an
 * asynchronous call, a thread of the client's pool), so an observer needs no locking of its own
 * state. Every method does nothing unless overridden.
 */
public interface CallObserver {

  /** An observer that ignores every event. */
  CallObserver NONE = new CallObserver() {};

  /**
   * Called before an attempt is sent; it may add headers to it, such as a trace context.
   *
   * @param attempt which attempt, and why and after how long it follows a failed one
   * @param headers where headers of this attempt may be set
   */
  default void attemptStarted(AttemptStarted attempt, RequestHeaders headers) {}

  /**
   * Called when an attempt has an answer or has failed.
   *
   * @param attempt how it ended
   */
  default void attemptEnded(AttemptEnded attempt) {}

  /**
   * Called once when the call ends: with an answer, or with the exception the caller gets.
   *
   * @param call how it ended
   */
  default void callEnded(CallEnded call) {}
}
