/**
 * Observes the Customers client's calls with the Micrometer Observation API: one observation per
 * call and one per attempt, for metrics and tracing through the application's existing bridge.
 *
 * <p>Public API: {@code io.ecdp.customers.micrometer}; start at {@link
 * io.ecdp.customers.micrometer.EcdpObservations}.
 */
module io.ecdp.customers.micrometer {
  requires transitive io.ecdp.customers;
  // Automatic modules (named by their manifests): the API names their types (ObservationRegistry,
  // ObservationConvention, KeyValues).
  requires transitive micrometer.observation;
  requires transitive micrometer.commons;

  exports io.ecdp.customers.micrometer;
}
