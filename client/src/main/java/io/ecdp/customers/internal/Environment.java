package io.ecdp.customers.internal;

/** What {@code CustomersClient.Builder.build()} checks and prepares before a client is made. */
public final class Environment {

  private Environment() {}

  /** Fails on an unsupported Jersey; keeps SLF4J's no-provider notice off stderr. */
  public static void prepare() {
    JerseyCompatibility.check();
    QuietSlf4j.whenNoProvider();
  }
}
