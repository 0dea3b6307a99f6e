package io.ecdp.customers.events;

/**
 * Observes the client's calls: told when each call starts, it returns the {@link CallObserver} of
 * that call's later events. Register one on {@link
 * io.ecdp.customers.CustomersClient.Builder#addListener}.
 *
 * <p>{@link #callStarted} runs on the thread that made the call, the asynchronous calls included,
 * before the call is queued: a tracer can take its parent context there. An implementation must be
 * thread-safe, as calls run at once on many threads, and should return quickly, as the call waits
 * for it. An exception it throws is logged once, at WARNING on the {@code io.ecdp.customers}
 * logger, and the call goes on without that observer.
 */
@FunctionalInterface
public interface CallListener {

  /**
   * Starts observing a call.
   *
   * @param call what is called
   * @return what receives the call's later events; {@link CallObserver#NONE} to ignore them
   */
  CallObserver callStarted(CallStarted call);
}
