package io.ecdp.customers.events;

import java.time.Duration;
import java.util.Optional;

/** An attempt of a call as it starts. Made by the client; not for implementation. */
public interface AttemptStarted {

  /**
   * Returns the attempt's number.
   *
   * @return 1 for the first attempt, 2 for the first retry, and so on
   */
  int attempt();

  /**
   * Returns why this attempt is made.
   *
   * @return how the attempt before it failed; empty for the first attempt
   */
  Optional<RetryReason> retryReason();

  /**
   * Returns how long the client waited after the attempt before it.
   *
   * @return the wait; zero for the first attempt
   */
  Duration delayBefore();
}
