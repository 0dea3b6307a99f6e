package io.ecdp.customers.resilience;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.slf4j.LoggerFactory;

/**
 * Captures everything a test's code can output while it is open: every SLF4J logger (logback, the
 * binding on this module's class path) at TRACE, every {@code java.util.logging} logger (where
 * Jersey and the client's {@code System.Logger} write) at ALL, and whatever reaches {@code
 * System.out} or {@code System.err}; then puts every level and stream back as it was.
 */
final class AllOutput implements AutoCloseable {

  /** One captured line: where it came from (a logger's name, or the stream) and its text. */
  record Line(String source, String thread, String text) {}

  private final List<Line> lines = Collections.synchronizedList(new ArrayList<>());
  private final LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Map<String, Level> logbackLevels = new HashMap<>();
  private final Map<String, java.util.logging.Level> julLevels = new HashMap<>();
  private final AppenderBase<ILoggingEvent> appender;
  private final Handler handler;
  private final PrintStream out = System.out;
  private final PrintStream err = System.err;
  private final ByteArrayOutputStream streams = new ByteArrayOutputStream();

  AllOutput() {
    appender =
        new AppenderBase<>() {
          @Override
          protected void append(ILoggingEvent event) {
            String text = event.getFormattedMessage();
            if (event.getThrowableProxy() != null) {
              text += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
            }
            lines.add(new Line(event.getLoggerName(), event.getThreadName(), text));
          }
        };
    appender.setContext(logback);
    appender.start();
    ch.qos.logback.classic.Logger root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    for (ch.qos.logback.classic.Logger logger : logback.getLoggerList()) {
      logbackLevels.put(logger.getName(), logger.getLevel());
      if (logger != root) {
        logger.setLevel(null);
      }
    }
    root.setLevel(Level.TRACE);
    root.addAppender(appender);

    handler =
        new Handler() {
          private final SimpleFormatter format = new SimpleFormatter();

          @Override
          public void publish(LogRecord record) {
            String text = format.formatMessage(record);
            if (record.getThrown() != null) {
              StringWriter trace = new StringWriter();
              record.getThrown().printStackTrace(new PrintWriter(trace));
              text += "\n" + trace;
            }
            lines.add(
                new Line(
                    String.valueOf(record.getLoggerName()),
                    Thread.currentThread().getName(),
                    text));
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    handler.setLevel(java.util.logging.Level.ALL);
    LogManager jul = LogManager.getLogManager();
    for (String name : Collections.list(jul.getLoggerNames())) {
      java.util.logging.Logger logger = jul.getLogger(name);
      if (logger != null) {
        julLevels.put(name, logger.getLevel());
        logger.setLevel(null);
      }
    }
    java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
    julRoot.setLevel(java.util.logging.Level.ALL);
    julRoot.addHandler(handler);

    System.setOut(new PrintStream(new Tee(out), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new Tee(err), true, StandardCharsets.UTF_8));
  }

  /** The source of the lines written to {@code System.out} or {@code System.err}. */
  static final String STREAMS = "System.out/err";

  /** Returns the lines captured so far; those of standard output and error last. */
  List<Line> lines() {
    List<Line> all;
    synchronized (lines) {
      all = new ArrayList<>(lines);
    }
    String written;
    synchronized (streams) {
      written = streams.toString(StandardCharsets.UTF_8);
    }
    written.lines().forEach(l -> all.add(new Line(STREAMS, "", l)));
    return all;
  }

  @Override
  public void close() {
    System.setOut(out);
    System.setErr(err);
    java.util.logging.Logger.getLogger("").removeHandler(handler);
    LogManager jul = LogManager.getLogManager();
    for (String name : Collections.list(jul.getLoggerNames())) {
      java.util.logging.Logger logger = jul.getLogger(name);
      if (logger != null) {
        logger.setLevel(julLevels.get(name));
      }
    }
    ch.qos.logback.classic.Logger root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(appender);
    appender.stop();
    for (ch.qos.logback.classic.Logger logger : logback.getLoggerList()) {
      if (logger == root || logbackLevels.containsKey(logger.getName())) {
        logger.setLevel(logbackLevels.get(logger.getName()));
      }
    }
  }

  /** Writes to the stream it replaces, and to the capture. */
  private final class Tee extends OutputStream {
    private final OutputStream original;

    Tee(OutputStream original) {
      this.original = original;
    }

    @Override
    public void write(int b) {
      synchronized (streams) {
        streams.write(b);
      }
      try {
        original.write(b);
      } catch (java.io.IOException e) {
        // the original stream is gone; the capture still holds the byte
      }
    }

    @Override
    public void write(byte[] b, int off, int len) {
      synchronized (streams) {
        streams.write(b, off, len);
      }
      try {
        original.write(b, off, len);
      } catch (java.io.IOException e) {
        // the original stream is gone; the capture still holds the bytes
      }
    }
  }
}
