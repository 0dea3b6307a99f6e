package io.ecdp.customers.cli;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What Ctrl-C (SIGINT) or SIGTERM does to a running command: one shutdown hook that first asks the
 * command to stop ({@link #onInterrupt}), waits for it to finish on its own thread (an import
 * settles its calls in flight, records them and prints its summary), and only then closes what is
 * still open (the embedded sandbox, which saves its state), in the reverse order of opening.
 *
 * <p>The process then ends with the signal's status ({@code 130} for SIGINT, {@code 143} for
 * SIGTERM). Installed by {@link Ecdp#main} only; a command run in-process (tests) has none.
 */
final class Interruption {

  /** How long the hook waits for the command to finish before closing under it. */
  static final Duration GRACE = Duration.ofSeconds(60);

  private static volatile Interruption installed;

  private final CountDownLatch finished = new CountDownLatch(1);
  private final Deque<AutoCloseable> open = new ArrayDeque<>();
  private Runnable onInterrupt;
  private volatile boolean interrupted;

  private Interruption() {}

  /** Installs the hook for this process. */
  static Interruption install() {
    Interruption i = new Interruption();
    Runtime.getRuntime().addShutdownHook(new Thread(i::shutdown, "ecdp-interrupt"));
    installed = i;
    return i;
  }

  /** Returns whether the process is shutting down on a signal. */
  static boolean interrupted() {
    Interruption i = installed;
    return i != null && i.interrupted;
  }

  /** Runs {@code action} when the process is asked to stop (nothing if no hook is installed). */
  static void onInterrupt(Runnable action) {
    Interruption i = installed;
    if (i != null) {
      synchronized (i) {
        i.onInterrupt = action;
      }
    }
  }

  /** Closes {@code resource} at shutdown if the command has not closed it itself. */
  static void closeAtExit(AutoCloseable resource) {
    Interruption i = installed;
    if (i != null) {
      synchronized (i) {
        i.open.push(resource);
      }
    }
  }

  /** The command has ended (its output printed): the hook may let the process end. */
  void commandFinished() {
    finished.countDown();
  }

  private void shutdown() {
    Runnable action;
    synchronized (this) {
      interrupted = finished.getCount() > 0;
      action = onInterrupt;
    }
    if (!interrupted) {
      return; // the command ended and called System.exit: nothing to settle
    }
    if (action != null) {
      action.run();
    }
    try {
      finished.await(action != null ? GRACE.toMillis() : 0, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      while (!open.isEmpty()) {
        try {
          open.pop().close();
        } catch (Exception e) {
          // closing the rest matters more
        }
      }
    }
  }
}
