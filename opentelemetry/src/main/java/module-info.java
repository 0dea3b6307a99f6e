/**
 * Traces and measures the calls of the ExpertSender CDP Customers client with OpenTelemetry,
 * following its HTTP client semantic conventions: {@link
 * io.ecdp.customers.opentelemetry.EcdpOpenTelemetry#create} makes the listener to register on the
 * client's builder.
 *
 * <p>It needs only the OpenTelemetry API: the application brings the SDK, or an agent.
 */
module io.ecdp.customers.opentelemetry {
  requires transitive io.ecdp.customers;
  requires transitive io.opentelemetry.api;
  requires io.opentelemetry.context;

  exports io.ecdp.customers.opentelemetry;
}
