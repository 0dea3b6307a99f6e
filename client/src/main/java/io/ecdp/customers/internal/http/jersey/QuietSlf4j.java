package io.ecdp.customers.internal.http.jersey;

import java.util.ServiceLoader;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * HttpClient 5, the client's transport, logs through SLF4J. An application with no SLF4J provider
 * gets SLF4J's no-operation fallback, announced by three {@code SLF4J(W)} lines on stderr that name
 * nothing the application did. When no provider is installed and the application has not configured
 * SLF4J's own reporting, this binds SLF4J to that same fallback with its internal reporting at
 * {@code ERROR} for the moment of binding, and then removes the setting again. With any provider
 * installed (logback, log4j, slf4j-simple, ...) it does nothing.
 */
final class QuietSlf4j {

  private static final String VERBOSITY = "slf4j.internal.verbosity";
  private static final String PROVIDER = "slf4j.provider";

  private QuietSlf4j() {}

  static synchronized void whenNoProvider() {
    if (System.getProperty(VERBOSITY) != null
        || System.getProperty(PROVIDER) != null
        || hasProvider()) {
      return;
    }
    System.setProperty(VERBOSITY, "ERROR");
    try {
      LoggerFactory.getILoggerFactory();
    } finally {
      System.clearProperty(VERBOSITY);
    }
  }

  private static boolean hasProvider() {
    // The same look-up SLF4J makes: providers on the class path and, with this module's `uses`,
    // on the module path.
    ClassLoader loader = LoggerFactory.class.getClassLoader();
    return ServiceLoader.load(SLF4JServiceProvider.class, loader).iterator().hasNext();
  }
}
