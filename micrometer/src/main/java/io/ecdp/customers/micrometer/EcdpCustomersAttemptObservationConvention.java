package io.ecdp.customers.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names the observation of an attempt and its keys; implement it (or extend {@link
 * DefaultEcdpCustomersAttemptObservationConvention}) to replace the default, and pass it to {@link
 * EcdpObservations.Builder#attemptConvention}.
 */
public interface EcdpCustomersAttemptObservationConvention
    extends ObservationConvention<EcdpCustomersAttemptContext> {

  /**
   * Tells whether this convention applies to a context: to that of an attempt.
   *
   * @param context the context
   * @return true for an {@link EcdpCustomersAttemptContext}
   */
  @Override
  default boolean supportsContext(Observation.Context context) {
    return context instanceof EcdpCustomersAttemptContext;
  }
}
