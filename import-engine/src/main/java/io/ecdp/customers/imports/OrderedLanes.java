package io.ecdp.customers.imports;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Runs batches on a pool of worker threads, keeping order where it matters: the tasks of one lane
 * run one at a time, in the order they were submitted, while lanes (and {@link #submit(Runnable)
 * unordered} tasks) run in parallel. Giving every change of one customer the same lane keeps a
 * later change from overtaking an earlier one. Thread-safe.
 */
public final class OrderedLanes implements AutoCloseable {

  private final ExecutorService pool;
  private final Map<Integer, ArrayDeque<Runnable>> busy = new HashMap<>(); // lane -> waiting
  private int pending;
  private @Nullable Throwable failure;

  /**
   * Creates a pool of {@code threads} daemon threads named {@code threadName}.
   *
   * @param threads how many tasks run at once, at least 1
   * @param threadName the threads' name
   */
  public OrderedLanes(int threads, String threadName) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threads);
    }
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Runs {@code task} after every task submitted to {@code lane} before it; never blocks.
   *
   * @param lane the lane, e.g. a hash of the customer's match key
   * @param task the task
   */
  public void submit(int lane, Runnable task) {
    synchronized (this) {
      pending++;
      ArrayDeque<Runnable> waiting = busy.get(lane);
      if (waiting != null) {
        waiting.add(task);
        return;
      }
      busy.put(lane, new ArrayDeque<>());
    }
    pool.execute(() -> runInLane(lane, task));
  }

  /**
   * Runs {@code task} in a lane of its own, in parallel with everything else; never blocks.
   *
   * @param task the task
   */
  public void submit(Runnable task) {
    synchronized (this) {
      pending++;
    }
    pool.execute(
        () -> {
          try {
            task.run();
          } catch (RuntimeException | Error e) {
            failed(e);
          } finally {
            done();
          }
        });
  }

  private void runInLane(int lane, Runnable task) {
    Runnable next = task;
    while (next != null) {
      try {
        next.run();
      } catch (RuntimeException | Error e) {
        failed(e);
      }
      synchronized (this) {
        done();
        ArrayDeque<Runnable> waiting = busy.get(lane);
        next = waiting == null ? null : waiting.poll();
        if (next == null) {
          busy.remove(lane);
        }
      }
    }
  }

  private synchronized void failed(Throwable e) {
    if (failure == null) {
      failure = e;
    }
  }

  private synchronized void done() {
    pending--;
    notifyAll();
  }

  /**
   * Returns how many tasks were submitted and have not finished.
   *
   * @return the tasks pending
   */
  public synchronized int pending() {
    return pending;
  }

  /**
   * Waits until at most {@code most} tasks are pending: the back-pressure of a producer.
   *
   * @param most the most tasks left pending
   * @throws InterruptedException when the thread is interrupted while it waits
   */
  public synchronized void awaitPendingAtMost(int most) throws InterruptedException {
    while (pending > most) {
      wait();
    }
  }

  /**
   * Waits until every task submitted has finished.
   *
   * @throws InterruptedException when the thread is interrupted while it waits
   */
  public void awaitIdle() throws InterruptedException {
    awaitPendingAtMost(0);
  }

  /**
   * Returns the first exception a task threw (the task counts as finished; the others go on).
   *
   * @return the first failure of a task, if any
   */
  public synchronized Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * Stops the threads: tasks not started are dropped, running ones are interrupted and waited for
   * up to 10 seconds.
   */
  @Override
  public void close() {
    pool.shutdownNow();
    try {
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
