/**
 * The Java client of the ExpertSender CDP Customers API.
 *
 * <p>Public API: {@code io.ecdp.customers} (the client, its builder, the operations, keys, options
 * and answers), {@code io.ecdp.customers.model} (the models users build and read, generated from
 * the spec), {@code io.ecdp.customers.errors} (the exceptions) and {@code io.ecdp.customers.events}
 * (the listener of calls, for metrics and tracing). Everything under {@code
 * io.ecdp.customers.internal} is implementation detail and not exported. Nullness is stated with
 * JSpecify: every package is {@code @NullMarked}, and what may be null says {@code @Nullable}.
 */
module io.ecdp.customers {
  requires transitive org.jspecify;
  requires jakarta.ws.rs;
  requires jakarta.json.bind;
  requires jakarta.json;
  requires org.glassfish.jersey.core.client;
  requires org.glassfish.jersey.core.common;
  requires org.glassfish.jersey.apache5.connector;
  requires org.apache.httpcomponents.client5.httpclient5;
  requires org.apache.httpcomponents.core5.httpcore5;
  // HttpClient 5 (an automatic module) logs through SLF4J: without this, nothing resolves it.
  requires org.slf4j;
  // Source-retention @Generated on the generated code.
  requires static transitive java.compiler;

  // Looks for an SLF4J provider before HttpClient first logs (internal.http.jersey.QuietSlf4j).
  uses org.slf4j.spi.SLF4JServiceProvider;

  exports io.ecdp.customers;
  exports io.ecdp.customers.model;
  exports io.ecdp.customers.errors;
  exports io.ecdp.customers.events;

  // JSON-B instantiates the models' generated serializers and deserializers reflectively.
  // (Yasson is a run-time dependency only, so the package is opened to every module.)
  opens io.ecdp.customers.internal.model;
  // Jersey introspects the request body's writer reflectively.
  opens io.ecdp.customers.internal.http.jersey to
      org.glassfish.jersey.core.common;
}
