package io.ecdp.customers.micrometer;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Stands for the exception a call or an attempt ended with, as the observation's error, so that a
 * tracing bridge marks the span failed. The client tells its listeners the exception's class, not
 * the exception (whose message may quote the server): this names that class and the status, holds
 * no stack trace, and is never thrown.
 */
public final class ObservedFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The class of the exception this stands for. */
  private final Class<? extends RuntimeException> exceptionType;

  /**
   * Creates the stand-in of an exception.
   *
   * @param exceptionType the exception's class
   * @param status the status of the answer that failed, empty when none came
   */
  public ObservedFailure(Class<? extends RuntimeException> exceptionType, OptionalInt status) {
    super(message(exceptionType, status), null, false, false);
    this.exceptionType = exceptionType;
  }

  private static String message(Class<? extends RuntimeException> type, OptionalInt status) {
    String name = Keys.simpleName(Objects.requireNonNull(type, "exceptionType"));
    return status.isPresent() ? name + " (HTTP " + status.getAsInt() + ")" : name;
  }

  /**
   * Returns the class of the exception this stands for.
   *
   * @return such as {@code io.ecdp.customers.errors.RateLimitedException}
   */
  public Class<? extends RuntimeException> exceptionType() {
    return exceptionType;
  }
}
