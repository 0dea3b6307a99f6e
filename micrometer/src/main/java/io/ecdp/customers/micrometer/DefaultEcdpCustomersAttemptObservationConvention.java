package io.ecdp.customers.micrometer;

import io.ecdp.customers.events.AttemptEnded;
import io.ecdp.customers.events.RetryReason;
import io.ecdp.customers.micrometer.EcdpCustomersObservationDocumentation.AttemptHighCardinalityKeyNames;
import io.ecdp.customers.micrometer.EcdpCustomersObservationDocumentation.AttemptLowCardinalityKeyNames;
import io.ecdp.customers.micrometer.EcdpCustomersObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import java.util.Objects;

/**
 * Names the observation of an attempt as {@link EcdpCustomersObservationDocumentation#ATTEMPT}
 * documents: {@code ecdp.customers.attempts}, with the keys {@code method}, {@code uri}, {@code
 * server.address}, {@code retry.reason} and, once the attempt ended, {@code status}, {@code
 * outcome} and {@code exception}. Extend it to change one key, or pass another name.
 */
public class DefaultEcdpCustomersAttemptObservationConvention
    implements EcdpCustomersAttemptObservationConvention {

  /** The default name of the observation of an attempt: {@value}. */
  public static final String NAME = "ecdp.customers.attempts";

  private final String name;

  /** Creates the convention with the default name, {@value #NAME}. */
  public DefaultEcdpCustomersAttemptObservationConvention() {
    this(NAME);
  }

  /**
   * Creates the convention with another name of the observation.
   *
   * @param name the name, such as {@code ecdp.attempts}
   */
  public DefaultEcdpCustomersAttemptObservationConvention(String name) {
    this.name = Objects.requireNonNull(name, "name");
  }

  /**
   * Returns the name of the observation.
   *
   * @return {@value #NAME} unless another was given
   */
  @Override
  public String getName() {
    return name;
  }

  /**
   * Returns the name of an attempt's span, that of an HTTP client's span: the method and the path
   * template.
   *
   * @param context the attempt
   * @return such as {@code GET /customers/email/{email}}
   */
  @Override
  public String getContextualName(EcdpCustomersAttemptContext context) {
    return context.getCall().method() + " " + context.getCall().urlTemplate();
  }

  /**
   * Returns the low-cardinality keys of an attempt.
   *
   * @param context the attempt
   * @return {@code method}, {@code uri}, {@code server.address}, {@code retry.reason}, and once it
   *     ended {@code status}, {@code outcome} and {@code exception}
   */
  @Override
  public KeyValues getLowCardinalityKeyValues(EcdpCustomersAttemptContext context) {
    KeyValues keys =
        KeyValues.of(
            LowCardinalityKeyNames.METHOD.withValue(context.getCall().method()),
            LowCardinalityKeyNames.URI.withValue(context.getCall().urlTemplate()),
            LowCardinalityKeyNames.SERVER_ADDRESS.withValue(context.getCall().serverAddress()),
            retryReason(context));
    AttemptEnded result = context.getResponse();
    if (result == null) {
      return keys;
    }
    return keys.and(status(result), outcome(result), exception(result));
  }

  /**
   * Returns the high-cardinality keys of an attempt.
   *
   * @param context the attempt
   * @return {@code ecdp.attempt}, and once it ended, when the server sent one, {@code
   *     ecdp.request.id}
   */
  @Override
  public KeyValues getHighCardinalityKeyValues(EcdpCustomersAttemptContext context) {
    KeyValues keys =
        KeyValues.of(
            AttemptHighCardinalityKeyNames.ATTEMPT.withValue(
                Integer.toString(context.getAttempt().attempt())));
    AttemptEnded result = context.getResponse();
    if (result != null && result.requestId().isPresent()) {
      keys =
          keys.and(AttemptHighCardinalityKeyNames.REQUEST_ID.withValue(result.requestId().get()));
    }
    return keys;
  }

  /**
   * Returns the {@code retry.reason} key.
   *
   * @param context the attempt
   * @return how the attempt before it failed, or {@code none} for the first attempt
   */
  protected KeyValue retryReason(EcdpCustomersAttemptContext context) {
    return AttemptLowCardinalityKeyNames.RETRY_REASON.withValue(
        context.getAttempt().retryReason().map(RetryReason::name).orElse(Keys.NONE));
  }

  /**
   * Returns the {@code status} key.
   *
   * @param result how the attempt ended
   * @return the status of its answer; {@code CLIENT_ERROR} when none came
   */
  protected KeyValue status(AttemptEnded result) {
    return Keys.status(result.status());
  }

  /**
   * Returns the {@code outcome} key.
   *
   * @param result how the attempt ended
   * @return {@code SUCCESS} when the caller gets its answer (a 404 "no such customer" included),
   *     else {@code CLIENT_ERROR}, {@code SERVER_ERROR} or {@code UNKNOWN} by its status
   */
  protected KeyValue outcome(AttemptEnded result) {
    return Keys.outcome(result.status(), result.failure());
  }

  /**
   * Returns the {@code exception} key.
   *
   * @param result how the attempt ended
   * @return the simple class name of how it failed, or {@code none}
   */
  protected KeyValue exception(AttemptEnded result) {
    return Keys.exception(result.failure());
  }
}
