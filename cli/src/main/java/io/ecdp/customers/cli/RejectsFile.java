package io.ecdp.customers.cli;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rejects file, written in the input's line order although batches finish in any order: a
 * batch's rejected rows wait until every batch before it has finished (or is known to have nothing
 * to add). They are durable meanwhile: each batch's result line in the checkpoint holds them, and a
 * resume writes any a kill kept from the file.
 *
 * <p>The file is opened when the first rejected row is written: an import that rejects nothing
 * creates no file.
 */
final class RejectsFile implements Closeable {

  /** Opens the file, when a line is first written to it. */
  interface Opener {
    BufferedWriter open() throws IOException;
  }

  private final Opener opener;
  private BufferedWriter out;
  private final TreeMap<Long, List<String>> waiting = new TreeMap<>();
  private long next;

  RejectsFile(Opener opener) {
    this.opener = opener;
  }

  private BufferedWriter out() throws IOException {
    if (out == null) {
      out = opener.open();
    }
    return out;
  }

  /** Writes {@code lines} at once, before anything of this run (rejects a kill kept back). */
  synchronized void recovered(Map<Long, String> byLine) throws IOException {
    if (byLine.isEmpty()) {
      return;
    }
    for (String line : new TreeMap<>(byLine).values()) {
      out().write(line);
      out.newLine();
    }
    out.flush();
  }

  /** Batch {@code index} finished with these rejected rows (none: it only lets later ones go). */
  synchronized void batch(long index, List<String> lines) throws IOException {
    waiting.put(index, lines);
    boolean wrote = false;
    while (!waiting.isEmpty() && waiting.firstKey() <= next) {
      Map.Entry<Long, List<String>> first = waiting.pollFirstEntry();
      for (String line : first.getValue()) {
        out().write(line);
        out.newLine();
        wrote = true;
      }
      next = Math.max(next, first.getKey() + 1);
    }
    if (wrote) {
      out.flush();
    }
  }

  /** Writes what still waits (batches that never finished hold none of it back), in order. */
  @Override
  public synchronized void close() throws IOException {
    try {
      for (List<String> lines : waiting.values()) {
        for (String line : lines) {
          out().write(line);
          out.newLine();
        }
      }
      waiting.clear();
    } finally {
      if (out != null) {
        out.close();
      }
    }
  }
}
