package io.ecdp.customers.kafka.connect;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/** Captures every log event (root logger at TRACE while open), messages and stack traces. */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
  private final Logger root;
  private final Level before;

  LogCapture() {
    root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    before = root.getLevel();
    setContext(root.getLoggerContext());
    start();
    root.addAppender(this);
    root.setLevel(Level.TRACE);
  }

  @Override
  protected void append(ILoggingEvent e) {
    events.add(e);
  }

  /** Every line logged: the formatted message and each throwable's class and message. */
  List<String> lines() {
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent e : events) {
      lines.add(e.getLoggerName() + " " + e.getFormattedMessage());
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        lines.add(t.getClassName() + ": " + t.getMessage());
      }
    }
    return lines;
  }

  @Override
  public void close() {
    root.detachAppender(this);
    root.setLevel(before);
    stop();
  }
}
