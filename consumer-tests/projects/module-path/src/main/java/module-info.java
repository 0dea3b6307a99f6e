/** A consumer on the module path. */
module consumer.modulepath {
  requires io.ecdp.customers;
  requires io.ecdp.customers.sandbox;
  // The sandbox extension registered from here (Capture) is a Jakarta REST filter.
  requires jakarta.ws.rs;
  // Only to print which Jersey it runs on.
  requires org.glassfish.jersey.core.common;

  // Jersey calls the sandbox extension registered from here (Capture).
  opens consumer;
}
