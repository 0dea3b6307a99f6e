package io.ecdp.customers.micrometer;

import io.ecdp.customers.events.CallEnded;
import io.ecdp.customers.micrometer.EcdpCustomersObservationDocumentation.CallHighCardinalityKeyNames;
import io.ecdp.customers.micrometer.EcdpCustomersObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import java.util.Objects;

/**
 * Names the observation of a call as {@link EcdpCustomersObservationDocumentation#CALL} documents:
 * {@code ecdp.customers.calls}, with the keys {@code method}, {@code uri}, {@code server.address}
 * and, once the call ended, {@code status}, {@code outcome} and {@code exception}. Extend it to
 * change one key, or pass another name.
 *
 * <p>Before the call ends (what a handler sees when the observation starts, such as the meter
 * handler's {@code ecdp.customers.calls.active}), only the keys known then are set: {@code method},
 * {@code uri} and {@code server.address}.
 */
public class DefaultEcdpCustomersObservationConvention
    implements EcdpCustomersObservationConvention {

  /** The default name of the observation of a call: {@value}. */
  public static final String NAME = "ecdp.customers.calls";

  private final String name;

  /** Creates the convention with the default name, {@value #NAME}. */
  public DefaultEcdpCustomersObservationConvention() {
    this(NAME);
  }

  /**
   * Creates the convention with another name of the observation.
   *
   * @param name the name, such as {@code ecdp.calls}
   */
  public DefaultEcdpCustomersObservationConvention(String name) {
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
   * Returns the name of a call's span: {@code ecdp}, the method and the path template.
   *
   * @param context the call
   * @return such as {@code ecdp GET /customers/email/{email}}
   */
  @Override
  public String getContextualName(EcdpCustomersCallContext context) {
    return "ecdp " + context.getCall().method() + " " + context.getCall().urlTemplate();
  }

  /**
   * Returns the low-cardinality keys of a call.
   *
   * @param context the call
   * @return {@code method}, {@code uri}, {@code server.address}, and once it ended {@code status},
   *     {@code outcome} and {@code exception}
   */
  @Override
  public KeyValues getLowCardinalityKeyValues(EcdpCustomersCallContext context) {
    KeyValues keys = KeyValues.of(method(context), uri(context), serverAddress(context));
    CallEnded result = context.getResult();
    if (result == null) {
      return keys;
    }
    return keys.and(status(result), outcome(result), exception(result));
  }

  /**
   * Returns the high-cardinality keys of a call.
   *
   * @param context the call
   * @return {@code ecdp.records} for an upsert, and once it ended {@code ecdp.attempts} and, when
   *     the server sent one, {@code ecdp.request.id}
   */
  @Override
  public KeyValues getHighCardinalityKeyValues(EcdpCustomersCallContext context) {
    KeyValues keys = KeyValues.empty();
    var records = context.getCall().recordCount();
    if (records.isPresent()) {
      keys =
          keys.and(
              CallHighCardinalityKeyNames.RECORDS.withValue(Integer.toString(records.getAsInt())));
    }
    CallEnded result = context.getResult();
    if (result == null) {
      return keys;
    }
    keys =
        keys.and(
            CallHighCardinalityKeyNames.ATTEMPTS.withValue(Integer.toString(result.attempts())));
    var requestId = result.requestId();
    if (requestId.isPresent()) {
      keys = keys.and(CallHighCardinalityKeyNames.REQUEST_ID.withValue(requestId.get()));
    }
    return keys;
  }

  /**
   * Returns the {@code method} key.
   *
   * @param context the call
   * @return the HTTP method
   */
  protected KeyValue method(EcdpCustomersCallContext context) {
    return LowCardinalityKeyNames.METHOD.withValue(context.getCall().method());
  }

  /**
   * Returns the {@code uri} key.
   *
   * @param context the call
   * @return the spec's path template
   */
  protected KeyValue uri(EcdpCustomersCallContext context) {
    return LowCardinalityKeyNames.URI.withValue(context.getCall().urlTemplate());
  }

  /**
   * Returns the {@code server.address} key.
   *
   * @param context the call
   * @return the host of the client's base URI
   */
  protected KeyValue serverAddress(EcdpCustomersCallContext context) {
    return LowCardinalityKeyNames.SERVER_ADDRESS.withValue(context.getCall().serverAddress());
  }

  /**
   * Returns the {@code status} key.
   *
   * @param result how the call ended
   * @return the status of the last answer; {@code CLIENT_ERROR} when none came
   */
  protected KeyValue status(CallEnded result) {
    return Keys.status(result.status());
  }

  /**
   * Returns the {@code outcome} key.
   *
   * @param result how the call ended
   * @return {@code SUCCESS} when the caller got an answer (a 404 "no such customer" included), else
   *     {@code CLIENT_ERROR}, {@code SERVER_ERROR} or {@code UNKNOWN} by the last status
   */
  protected KeyValue outcome(CallEnded result) {
    return Keys.outcome(result.status(), result.failure());
  }

  /**
   * Returns the {@code exception} key.
   *
   * @param result how the call ended
   * @return the simple class name of the exception the caller got, or {@code none}
   */
  protected KeyValue exception(CallEnded result) {
    return Keys.exception(result.failure());
  }
}
