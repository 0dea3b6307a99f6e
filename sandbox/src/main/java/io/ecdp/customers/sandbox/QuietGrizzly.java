package io.ecdp.customers.sandbox;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Grizzly announces every start and stop of the sandbox's listener at {@code INFO} through
 * java.util.logging, which prints to stderr by default: noise in the output of a test or a tool
 * that only uses the sandbox. Unless the application configured those loggers, they log warnings
 * and errors only.
 */
final class QuietGrizzly {

  // Strong references: java.util.logging keeps loggers weakly, and would forget the level.
  private static final List<Logger> LOGGERS =
      List.of(
          Logger.getLogger("org.glassfish.grizzly.http.server.NetworkListener"),
          Logger.getLogger("org.glassfish.grizzly.http.server.HttpServer"));

  private QuietGrizzly() {}

  static void unlessConfigured() {
    for (Logger logger : LOGGERS) {
      if (logger.getLevel() == null) {
        logger.setLevel(Level.WARNING);
      }
    }
  }
}
