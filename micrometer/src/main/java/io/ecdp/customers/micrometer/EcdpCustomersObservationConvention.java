package io.ecdp.customers.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names the observation of a call and its keys; implement it (or extend {@link
 * DefaultEcdpCustomersObservationConvention}) to replace the default, and pass it to {@link
 * EcdpObservations.Builder#callConvention}.
 */
public interface EcdpCustomersObservationConvention
    extends ObservationConvention<EcdpCustomersCallContext> {

  /**
   * Tells whether this convention applies to a context: to that of a call.
   *
   * @param context the context
   * @return true for an {@link EcdpCustomersCallContext}
   */
  @Override
  default boolean supportsContext(Observation.Context context) {
    return context instanceof EcdpCustomersCallContext;
  }
}
