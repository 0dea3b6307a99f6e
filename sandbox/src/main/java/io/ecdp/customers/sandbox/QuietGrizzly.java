package io.ecdp.customers.sandbox;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Grizzly announces every start and stop of the sandbox's listener at {@code INFO} through
 * java.util.logging, which prints to stderr by default: noise in the output of a test or a tool
 * that only uses the sandbox. Unless the application configured those loggers, they log warnings
 * and errors only. Grizzly's filter chain logs a stack trace at {@code WARNING} for every request a
 * client breaks (a malformed chunk), which the sandbox answers with a 400 anyway: unless
 * configured, it logs errors only, so that a hostile client cannot fill a log.
 */
final class QuietGrizzly {

  // Strong references: java.util.logging keeps loggers weakly, and would forget the level.
  private static final Map<Logger, Level> LOGGERS =
      Map.of(
          Logger.getLogger("org.glassfish.grizzly.http.server.NetworkListener"),
          Level.WARNING,
          Logger.getLogger("org.glassfish.grizzly.http.server.HttpServer"),
          Level.WARNING,
          Logger.getLogger("org.glassfish.grizzly.filterchain.DefaultFilterChain"),
          Level.SEVERE);

  private QuietGrizzly() {}

  static void unlessConfigured() {
    LOGGERS.forEach(
        (logger, level) -> {
          if (logger.getLevel() == null) {
            logger.setLevel(level);
          }
        });
  }
}
