package io.ecdp.customers.kafka.connect.it;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The connector's counters as its tasks log them ({@code ecdp sink task <id>: accepted=N dlq=N
 * skipped=N deleted=N redelivered=N ...}), cumulative per task instance: a {@code started} line (or
 * a counter that goes back) marks a new instance (a restart, a rebalance), whose figures are added
 * to the last ones of the instance before.
 */
record TaskCounters(long accepted, long dlq, long redelivered, int instances, int lines) {

  private static final Pattern STARTED = Pattern.compile("ecdp sink task (\\S+): started");

  private static final Pattern LINE =
      Pattern.compile(
          "ecdp sink task (\\S+): accepted=(\\d+) dlq=(\\d+) skipped=\\d+ deleted=\\d+"
              + " redelivered=(\\d+)");

  /** Sums the lines of the tasks whose id starts with {@code connector} (e.g. {@code name-0}). */
  static TaskCounters of(List<String> logLines, String connector) {
    Map<String, long[]> last = new HashMap<>();
    long[] done = new long[3];
    int instances = 0;
    int lines = 0;
    for (String line : logLines) {
      Matcher started = STARTED.matcher(line);
      if (started.find() && started.group(1).startsWith(connector + "-")) {
        // A new instance of the task: the last figures of the one before are final.
        long[] before = last.remove(started.group(1));
        if (before != null) {
          for (int i = 0; i < 3; i++) {
            done[i] += before[i];
          }
        }
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.find() || !m.group(1).startsWith(connector + "-")) {
        continue;
      }
      lines++;
      long[] now = {
        Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), Long.parseLong(m.group(4))
      };
      long[] before = last.get(m.group(1));
      if (before == null || now[0] < before[0] || now[1] < before[1] || now[2] < before[2]) {
        instances++;
        if (before != null) {
          for (int i = 0; i < 3; i++) {
            done[i] += before[i];
          }
        }
      }
      last.put(m.group(1), now);
    }
    for (long[] l : last.values()) {
      for (int i = 0; i < 3; i++) {
        done[i] += l[i];
      }
    }
    return new TaskCounters(done[0], done[1], done[2], instances, lines);
  }
}
