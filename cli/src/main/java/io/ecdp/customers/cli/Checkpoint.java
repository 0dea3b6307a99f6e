package io.ecdp.customers.cli;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The import's checkpoint: one JSON line per event, appended and flushed to the operating system as
 * it happens, so that a process killed at any moment leaves a true account of what it sent.
 *
 * <ul>
 *   <li>a header: the input file (size and modification time), mode, match key and batch size, and
 *       the sandbox state's identity when the import runs against {@code --sandbox};
 *   <li>{@code sending}: a batch is about to go on the wire for the first time; until its result
 *       line follows, its records are <em>in doubt</em> (they may have been stored);
 *   <li>a result: the batch finished (every record stored or refused), or, with {@code
 *       finishedLines}, stopped part way;
 *   <li>{@code complete}: the whole file was imported; {@code --resume} then has nothing to do.
 * </ul>
 *
 * <p>A line cut short by a kill is ignored when read, and cut off before the file is appended to.
 */
final class Checkpoint implements Closeable {

  /**
   * What a run is importing: a resumed run must match it.
   *
   * @param size the input file's size in bytes when the import started
   * @param modified its modification time, in milliseconds
   * @param mode the upsert mode
   * @param matchBy the match key
   * @param batchSize the records per batch
   * @param stateId the sandbox state's identity ({@code --sandbox}), or null
   */
  record Header(
      long size, long modified, String mode, String matchBy, int batchSize, String stateId) {}

  /** What an earlier run recorded. */
  static final class Previous {
    /** The header, or null for a checkpoint written before headers existed. */
    Header header;

    /** Finished batches: an empty set for a whole batch, else the lines of it that finished. */
    final Map<Long, Set<Long>> done = new HashMap<>();

    /** Batches that went on the wire. */
    final Set<Long> sent = new HashSet<>();

    /** The batch size of a checkpoint without a header (from its lines), or 0. */
    int batchSize;

    /** The highest sandbox state sequence a finished batch saw, or -1. */
    long stateSequence = -1;

    /** The rejected rows the results recorded, by line: each as its rejects file line. */
    final Map<Long, String> rejectLines = new HashMap<>();

    /** The final counts of a completed import, or null when it did not complete. */
    JsonObject complete;

    /** Whether batch {@code index} went on the wire and was not recorded whole. */
    boolean inDoubt(long index) {
      Set<Long> d = done.get(index);
      return sent.contains(index) && (d == null || !d.isEmpty());
    }
  }

  private final Writer out;

  private Checkpoint(Writer out) {
    this.out = out;
  }

  /**
   * Opens {@code file} to record a run: anew, or (to resume) for appending after cutting off a line
   * that a kill left unfinished.
   */
  static Checkpoint open(Path file, boolean fresh) throws IOException {
    if (!fresh) {
      cutTornTail(file);
    }
    return new Checkpoint(PrivateFiles.writer(file, fresh));
  }

  /** Reads what an earlier run recorded in {@code file}; lines cut short are ignored. */
  static Previous read(Path file) throws IOException {
    Previous p = new Previous();
    if (!Files.exists(file)) {
      return p;
    }
    Set<Long> whole = new HashSet<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        JsonObject o = parse(line);
        if (o == null) {
          continue; // a line cut short by a kill: its batch is sent again
        }
        if (o.containsKey("header")) {
          JsonObject h = o.getJsonObject("header");
          p.header =
              new Header(
                  h.getJsonNumber("size").longValue(),
                  h.getJsonNumber("modified").longValue(),
                  h.getString("mode"),
                  h.getString("matchBy"),
                  h.getInt("batchSize"),
                  h.getString("stateId", null));
        } else if (o.containsKey("complete")) {
          p.complete = o.getJsonObject("complete");
        } else if (o.containsKey("sending")) {
          p.sent.add(o.getJsonNumber("sending").longValue());
        } else if (o.containsKey("batch")) {
          long batch = o.getJsonNumber("batch").longValue();
          p.batchSize = o.getInt("batchSize", p.batchSize);
          if (o.containsKey("stateSequence")) {
            p.stateSequence =
                Math.max(p.stateSequence, o.getJsonNumber("stateSequence").longValue());
          }
          if (o.containsKey("rejects")) {
            for (JsonValue v : o.getJsonArray("rejects")) {
              String reject = ((jakarta.json.JsonString) v).getString();
              JsonObject r = parse(reject);
              if (r != null && r.containsKey("line")) {
                p.rejectLines.put(r.getJsonNumber("line").longValue(), reject);
              }
            }
          }
          if (o.containsKey("finishedLines")) {
            Set<Long> lines = p.done.computeIfAbsent(batch, k -> new HashSet<>());
            for (JsonValue v : o.getJsonArray("finishedLines")) {
              lines.add(((JsonNumber) v).longValue());
            }
          } else {
            whole.add(batch); // what was left of it finished
          }
        }
      }
    }
    whole.forEach(b -> p.done.put(b, Set.of()));
    if (p.header != null) {
      p.batchSize = p.header.batchSize();
    }
    return p;
  }

  private static JsonObject parse(String line) {
    if (line.isBlank()) {
      return null;
    }
    try (JsonReader r = JsonP.PROVIDER.createReader(new StringReader(line))) {
      return r.readObject();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Records what this run imports. */
  void header(Header h) throws IOException {
    JsonObjectBuilder b =
        JsonP.PROVIDER
            .createObjectBuilder()
            .add("size", h.size())
            .add("modified", h.modified())
            .add("mode", h.mode())
            .add("matchBy", h.matchBy())
            .add("batchSize", h.batchSize());
    if (h.stateId() != null) {
      b.add("stateId", h.stateId());
    }
    write(JsonP.PROVIDER.createObjectBuilder().add("header", b));
  }

  /** Records that batch {@code index} is about to go on the wire for the first time. */
  void sending(long index) throws IOException {
    write(JsonP.PROVIDER.createObjectBuilder().add("sending", index));
  }

  /**
   * Records a batch's result.
   *
   * @param finishedLines the lines that finished when the batch stopped part way, else null
   * @param stateSequence the sandbox state's sequence after it, or -1
   * @param rejects the batch's lines of the rejects file
   */
  void result(
      long index,
      int batchSize,
      long firstLine,
      long lastLine,
      long accepted,
      long rejected,
      Collection<Long> finishedLines,
      long stateSequence,
      List<String> rejects)
      throws IOException {
    JsonObjectBuilder line =
        JsonP.PROVIDER
            .createObjectBuilder()
            .add("batch", index)
            .add("batchSize", batchSize)
            .add("firstLine", firstLine)
            .add("lastLine", lastLine)
            .add("accepted", accepted)
            .add("rejected", rejected);
    if (stateSequence >= 0) {
      line.add("stateSequence", stateSequence);
    }
    if (!rejects.isEmpty()) {
      JsonArrayBuilder lines = JsonP.PROVIDER.createArrayBuilder();
      rejects.forEach(lines::add);
      line.add("rejects", lines);
    }
    if (finishedLines != null) {
      JsonArrayBuilder lines = JsonP.PROVIDER.createArrayBuilder();
      finishedLines.stream().sorted().forEach(lines::add);
      line.add("finishedLines", lines);
    }
    write(line);
  }

  /** Records that the whole file was imported, with the run's counts. */
  void complete(long read, long accepted, long rejected) throws IOException {
    write(
        JsonP.PROVIDER
            .createObjectBuilder()
            .add(
                "complete",
                JsonP.PROVIDER
                    .createObjectBuilder()
                    .add("at", Instant.now().toString())
                    .add("read", read)
                    .add("accepted", accepted)
                    .add("rejected", rejected)));
  }

  private synchronized void write(JsonObjectBuilder line) throws IOException {
    out.write(line.build().toString());
    out.write('\n');
    out.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }

  /**
   * Cuts off the end of {@code file} after its last line break: a line a kill left unfinished,
   * which the next line appended would otherwise be glued to.
   */
  static void cutTornTail(Path file) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = ch.size();
      long keep = 0;
      java.nio.ByteBuffer chunk = java.nio.ByteBuffer.allocate(1 << 16);
      for (long end = size; end > 0 && keep == 0; ) {
        long start = Math.max(0, end - chunk.capacity());
        chunk.clear().limit((int) (end - start));
        while (chunk.hasRemaining() && ch.read(chunk, start + chunk.position()) >= 0) {
          // read the whole chunk
        }
        for (int i = (int) (end - start) - 1; i >= 0; i--) {
          if (chunk.get(i) == '\n') {
            keep = start + i + 1;
            break;
          }
        }
        end = start;
      }
      if (keep < size) {
        ch.truncate(keep);
      }
    }
  }
}
