package io.ecdp.customers.imports;

import io.ecdp.customers.errors.EcdpException;
import java.util.List;

/**
 * Hears what becomes of the items of one {@link BatchSender#send batch}, on the thread that sends
 * it: each item ends {@link #accepted accepted} or {@link #refused refused}, or is left unfinished
 * in the {@link BatchOutcome}.
 *
 * @param <T> the caller's item (a row of a file, a Kafka record)
 */
public interface BatchListener<T> {

  /**
   * Called once, before the first request of the batch can reach the service: from here on, a crash
   * may leave records of it stored.
   */
  default void sending() {}

  /**
   * Called each time a request holding {@code items} went on the wire (a part sent again after a
   * {@code 429} or a bisection names its items again).
   *
   * @param items the items of the request
   */
  default void sent(List<T> items) {}

  /** Called before a part answered {@code 429} is sent again. */
  default void resending() {}

  /**
   * Called when the service stored {@code items}.
   *
   * @param items the items stored
   */
  void accepted(List<T> items);

  /**
   * Called when {@code item} was refused, by the client's checks or by the service; it is then
   * finished. May throw to stop the batch: the exception becomes its {@link
   * BatchOutcome#failure()}, and {@code item} counts as finished.
   *
   * @param item the item refused
   * @param why the field and the rule
   * @throws EcdpException to stop the batch (e.g. a lookup the caller makes failed)
   */
  void refused(T item, Refusal why);
}
