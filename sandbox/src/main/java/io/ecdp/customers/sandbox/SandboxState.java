package io.ecdp.customers.sandbox;

import io.ecdp.customers.sandbox.SandboxStateException.Reason;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParsingException;
import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.System.Logger.Level;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Keeps a sandbox's customers in its state file, and every change in a journal beside it before the
 * call that made it returns, so that a sandbox killed at any moment loses no acknowledged change.
 *
 * <ul>
 *   <li>{@code <state>}: a snapshot, NDJSON: a header line {@code
 *       {"format":"ecdp-sandbox-state","version":2,"stateId":..,"sequence":N,"nextId":M,"customers":K}}
 *       then K lines, one customer each. Written whole to {@code <state>.tmp} and moved over the
 *       state file (an atomic rename), at close, at a restore and when the journal grows large. The
 *       old format, one JSON array of customers, is still read (streamed too).
 *   <li>{@code <state>.journal}: one line for each change since the snapshot (the customers it
 *       created or changed, as they are after it, the IDs it removed, the next ID, its sequence
 *       number), written under the store's write lock before the change is applied. Emptied after
 *       each snapshot.
 *   <li>{@code <state>.lock}: locked for the sandbox's life (see {@link StateLock}).
 * </ul>
 *
 * <p>Loading reads the snapshot and replays the journal's lines whose sequence is above the
 * snapshot's, one line at a time: memory beyond the store is bounded by the longest line. A last
 * journal line without its newline was cut by a kill while being written, before its call returned,
 * and is dropped; anything else that is not what the sandbox writes is {@link Reason#CORRUPT}.
 */
final class SandboxState implements SandboxStore.Persistence {

  /**
   * The journal size from which it is folded into a new snapshot, unless the snapshot is larger.
   */
  static final long COMPACTION_FLOOR = 64L << 20;

  private static final System.Logger LOG = System.getLogger("io.ecdp.customers.sandbox");

  private final Path file;
  private final Path journalFile;
  private final Path tmpFile;
  private final SandboxStore store;
  private final long compactionFloor;
  private StateLock lock;
  private RandomAccessFile journal;
  private String stateId;

  /** Changes over the state's life that are in the journal or the snapshot. */
  private volatile long sequence;

  /** The sequence of the snapshot on disk. */
  private long snapshotSequence;

  private long snapshotBytes;
  private long journalBytes;
  private long compactAt;
  private boolean attached;

  /** Set when a failed journal write could not be undone: no further change is accepted. */
  private SandboxStateException broken;

  private SandboxState(Path file, SandboxStore store, long compactionFloor) {
    this.file = file;
    String name = file.getFileName().toString();
    this.journalFile = file.resolveSibling(name + ".journal");
    this.tmpFile = file.resolveSibling(name + ".tmp");
    this.store = store;
    this.compactionFloor = compactionFloor;
  }

  /**
   * Takes the state's lock, loads the state file and its journal into {@code store} (or, when there
   * is no state file, starts a new state from the store's content), and records every later change
   * of the store.
   *
   * @param stateFile the state file
   * @param store the sandbox's store
   * @param compactionFloor the journal size from which it is folded into a snapshot (at least)
   * @throws SandboxStateException if the state cannot be used
   */
  static SandboxState open(Path stateFile, SandboxStore store, long compactionFloor) {
    Path file = stateFile.toAbsolutePath().normalize();
    SandboxState state = new SandboxState(file, store, compactionFloor);
    try {
      state.start();
      return state;
    } catch (RuntimeException | Error e) {
      state.abandon();
      throw e;
    }
  }

  private void start() {
    Path dir = file.getParent();
    Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
    String key;
    try {
      StateFiles.createDirectories(dir);
      key = dir.toRealPath().resolve(lockFile.getFileName()).toString();
    } catch (IOException e) {
      throw new SandboxStateException(
          Reason.UNREADABLE,
          file,
          "Cannot create the directory of the sandbox state " + file + ": " + e + ".",
          e);
    }
    lock = StateLock.acquire(file, lockFile, key);
    try {
      Files.deleteIfExists(tmpFile); // a snapshot cut short by a kill
      if (Files.exists(file)) {
        SandboxStore loaded = readSnapshot();
        long keep = Files.exists(journalFile) ? replay(loaded) : 0;
        openJournal();
        if (journal.length() > keep) {
          journal.setLength(keep); // the torn last line
        }
        journalBytes = keep;
        store.locked(
            () -> {
              store.attach(this); // first: it refuses a store that serves another sandbox
              attached = true;
              store.take(loaded);
              compactAt = Math.max(compactionFloor, 2 * snapshotBytes);
            });
      } else {
        // A journal without its state file belongs to a state that was deleted: not this one.
        stateId = UUID.randomUUID().toString();
        sequence = 0;
        openJournal();
        journal.setLength(0);
        journalBytes = 0;
        store.locked(
            () -> {
              store.attach(this); // first: it refuses a store that serves another sandbox
              attached = true;
              writeSnapshot(0, store.size(), store.nextId(), store::forEachEntry);
              compactAt = Math.max(compactionFloor, 2 * snapshotBytes);
            });
      }
    } catch (IOException e) {
      throw new SandboxStateException(
          Reason.UNREADABLE,
          file,
          "Cannot read the sandbox state " + file + " or its journal: " + e + ".",
          e);
    }
  }

  private void openJournal() throws IOException {
    try {
      Files.createFile(journalFile, StateFiles.privateFile(journalFile));
    } catch (FileAlreadyExistsException e) {
      // kept from an earlier run
    }
    // A stream, not a channel: an interrupted thread would close a channel under every writer.
    journal = new RandomAccessFile(journalFile.toFile(), "rw");
  }

  /** Returns the state's identity. */
  String stateId() {
    return stateId;
  }

  /** Returns how many changes of the state's life are in its journal or snapshot. */
  long sequence() {
    return sequence;
  }

  /** Returns the state file. */
  Path file() {
    return file;
  }

  /** Returns the journal. */
  Path journalFile() {
    return journalFile;
  }

  // ---------------------------------------------------------------- recording (write lock held)

  @Override
  public void record(SandboxStore.Change change) {
    checkUsable();
    long next = sequence + 1;
    Line bytes = new Line((int) Math.min(1 << 26, 256 + 400L * change.put().size()));
    try (Writer out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
      StateCodec.writeJournal(out, new StateCodec.JournalRecord(stateId, next, change));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: does not happen
    }
    long at = journalBytes;
    try {
      journal.seek(at);
      journal.write(bytes.bytes(), 0, bytes.size());
    } catch (IOException e) {
      try {
        journal.setLength(at);
      } catch (IOException again) {
        broken =
            new SandboxStateException(
                Reason.UNWRITABLE,
                journalFile,
                "The sandbox state's journal "
                    + journalFile
                    + " could not be written, nor a failed line removed ("
                    + again
                    + "): the sandbox accepts no further change. Restart it; it keeps every"
                    + " change acknowledged before.",
                again);
      }
      throw new SandboxStateException(
          Reason.UNWRITABLE,
          journalFile,
          "Cannot append to the sandbox state's journal "
              + journalFile
              + ": "
              + e
              + "; the change was not applied.",
          e);
    }
    journalBytes = at + bytes.size();
    sequence = next;
  }

  /** A journal line's bytes, written to the file without a copy. */
  private static final class Line extends ByteArrayOutputStream {
    Line(int size) {
      super(size);
    }

    byte[] bytes() {
      return buf;
    }
  }

  @Override
  public void replace(SandboxStore content) {
    checkUsable();
    long next = sequence + 1;
    writeSnapshot(next, content.size(), content.nextId(), content::forEachEntry);
    sequence = next;
    emptyJournal();
  }

  @Override
  public void applied() {
    if (journalBytes <= compactAt) {
      return;
    }
    try {
      writeSnapshot(sequence, store.size(), store.nextId(), store::forEachEntry);
    } catch (SandboxStateException e) {
      // Every change is in the journal still: try again after it grew by as much again.
      LOG.log(Level.WARNING, "cannot compact the sandbox state's journal", e);
      compactAt = journalBytes + compactionFloor;
      return;
    }
    emptyJournal();
    compactAt = Math.max(compactionFloor, 2 * snapshotBytes);
  }

  private void checkUsable() {
    if (broken != null) {
      throw new SandboxStateException(Reason.UNWRITABLE, journalFile, broken.getMessage(), broken);
    }
  }

  /** Empties the journal after a snapshot holds all its changes; lines left are skipped anyway. */
  private void emptyJournal() {
    try {
      journal.setLength(0);
      journalBytes = 0;
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot empty the sandbox state's journal", e);
    }
  }

  // ---------------------------------------------------------------- closing

  /**
   * Writes a snapshot when the state changed since the one on disk, empties the journal, and
   * releases the lock.
   *
   * @throws SandboxStateException if the snapshot cannot be written (the journal then keeps every
   *     change, for the next start)
   */
  void close() {
    try {
      if (attached) {
        store.detach(
            this,
            () -> {
              if (sequence != snapshotSequence) {
                writeSnapshot(sequence, store.size(), store.nextId(), store::forEachEntry);
              }
              if (journalBytes > 0) {
                emptyJournal();
              }
            });
        attached = false;
      }
    } finally {
      release();
    }
  }

  /** Stops recording and releases the files without a snapshot, as a killed process would. */
  void abandon() {
    if (attached) {
      store.detach(this, () -> {});
      attached = false;
    }
    release();
  }

  private void release() {
    try {
      if (journal != null) {
        journal.close();
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot close the sandbox state's journal", e);
    } finally {
      journal = null;
      try {
        if (lock != null) {
          lock.close();
        }
      } catch (IOException e) {
        LOG.log(Level.WARNING, "cannot release the sandbox state's lock", e);
      } finally {
        lock = null;
      }
    }
  }

  // ---------------------------------------------------------------- snapshot

  /**
   * Writes a snapshot to {@code <state>.tmp} and moves it over the state file.
   *
   * @throws SandboxStateException if it cannot (the state file is then as it was)
   */
  private void writeSnapshot(
      long seq, int customers, int nextId, Consumer<Consumer<SandboxStore.Entry>> entries) {
    try {
      Files.deleteIfExists(tmpFile);
      Files.createFile(tmpFile, StateFiles.privateFile(tmpFile));
      long[] written = {0};
      try (Writer out =
          new BufferedWriter(
              new OutputStreamWriter(
                  new FileOutputStream(tmpFile.toFile()), StandardCharsets.UTF_8),
              1 << 16)) {
        StateCodec.writeHeader(out, new StateCodec.Header(stateId, seq, nextId, customers));
        entries.accept(
            e -> {
              try {
                StateCodec.writeEntry(out, e);
                written[0]++;
              } catch (IOException x) {
                throw new UncheckedIOException(x);
              }
            });
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      if (written[0] != customers) {
        throw new IllegalStateException(
            "the snapshot holds " + written[0] + " customers, not " + customers);
      }
      Files.move(
          tmpFile, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      snapshotBytes = Files.size(file);
      snapshotSequence = seq;
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmpFile);
      } catch (IOException again) {
        e.addSuppressed(again);
      }
      throw new SandboxStateException(
          Reason.UNWRITABLE,
          file,
          "Cannot write the sandbox state "
              + file
              + ": "
              + e
              + ". Every change is kept in its journal "
              + journalFile
              + ", which the next start reads.",
          e);
    }
  }

  // ---------------------------------------------------------------- loading

  private SandboxStore readSnapshot() throws IOException {
    try (InputStream raw = new FileInputStream(file.toFile())) {
      BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
      in.mark(1 << 16);
      int first = in.read();
      int blanks = 0;
      while (first == ' ' || first == '\t' || first == '\r' || first == '\n') {
        first = ++blanks < (1 << 15) ? in.read() : 'x';
      }
      in.reset();
      if (first < 0) {
        throw corrupt("the file is empty");
      }
      snapshotBytes = Files.size(file);
      return first == '[' ? readOldFormat(in) : readLines(in);
    }
  }

  /** Reads the format this sandbox writes: a header line, then one customer a line. */
  private SandboxStore readLines(InputStream in) throws IOException {
    StateLines lines = new StateLines(in);
    lines.next();
    StateCodec.Header header =
        parse(lines, file, StateCodec::readHeader, "a header {\"format\":\"ecdp-sandbox-state\"}");
    // Sized for its customers, as far as the file can hold them (a broken header may say more).
    SandboxStore loaded = new SandboxStore((int) Math.min(header.customers(), snapshotBytes / 32));
    long count = 0;
    while (count < header.customers()) {
      if (!lines.next()) {
        throw corrupt(
            "the header (line 1) announces "
                + header.customers()
                + " customers, but the file ends after "
                + count
                + ": it was cut short");
      }
      SandboxStore.Entry e = parse(lines, file, StateCodec::readEntryLine, "a customer");
      try {
        loaded.load(e);
      } catch (IllegalArgumentException x) {
        throw corrupt("line " + lines.number() + ": " + x.getMessage());
      }
      count++;
    }
    if (lines.next()) {
      throw corrupt(
          "line "
              + lines.number()
              + ": expected the end of the file after the "
              + header.customers()
              + " customers the header announces, found another line");
    }
    try {
      loaded.loadNextId(header.nextId());
    } catch (IllegalArgumentException x) {
      throw corrupt("line 1: " + x.getMessage());
    }
    stateId = header.stateId();
    sequence = header.sequence();
    snapshotSequence = header.sequence();
    return loaded;
  }

  /**
   * Reads the old format, one JSON array of customers written by JSON-B, streaming it; its identity
   * is derived from its bytes, so that it stays the same until it is rewritten in the new format
   * (at the next save), which keeps it.
   */
  private SandboxStore readOldFormat(InputStream in) throws IOException {
    SandboxStore loaded = new SandboxStore();
    MessageDigest md5;
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has MD5", e);
    }
    DigestInputStream digesting = new DigestInputStream(in, md5);
    InputStreamReader reader =
        new InputStreamReader(
            digesting,
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    int maxId = 0;
    long index = 0;
    JsonParser p = SandboxJsonP.STATE_PARSERS.createParser(reader);
    try {
      if (p.next() != Event.START_ARRAY) {
        throw new StateCodec.Malformed("expected a header line or an array of customers");
      }
      for (Event e = p.next(); e != Event.END_ARRAY; e = p.next()) {
        index++;
        if (e != Event.START_OBJECT) {
          throw new StateCodec.Malformed("expected a customer object");
        }
        SandboxStore.Entry entry = StateCodec.readEntry(p);
        try {
          loaded.load(entry);
        } catch (IllegalArgumentException x) {
          throw new StateCodec.Malformed(x.getMessage());
        }
        maxId = Math.max(maxId, entry.id());
      }
      if (p.hasNext()) {
        throw new StateCodec.Malformed("expected the end of the file after the array");
      }
    } catch (StateCodec.Malformed | JsonbException e) {
      throw corrupt(where(p.getLocation(), index) + e.getMessage());
    } catch (JsonParsingException e) {
      throw corrupt(where(e.getLocation(), index) + "not valid JSON (or cut short)");
    } catch (JsonException | NoSuchElementException | IllegalStateException e) {
      if (e.getCause() instanceof CharacterCodingException) {
        throw corrupt(where(p.getLocation(), index) + "not UTF-8 text");
      }
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw corrupt(where(p.getLocation(), index) + "not valid JSON (or cut short)");
    }
    byte[] rest = new byte[1 << 13];
    while (digesting.read(rest) >= 0) {
      // the digest covers the whole file
    }
    byte[] id = md5.digest();
    id[6] = (byte) ((id[6] & 0x0f) | 0x30); // a name-based UUID (version 3), as nameUUIDFromBytes
    id[8] = (byte) ((id[8] & 0x3f) | 0x80);
    long high = 0;
    long low = 0;
    for (int i = 0; i < 8; i++) {
      high = (high << 8) | (id[i] & 0xff);
      low = (low << 8) | (id[8 + i] & 0xff);
    }
    stateId = new UUID(high, low).toString();
    sequence = 0;
    snapshotSequence = 0;
    loaded.loadNextId(maxId + 1);
    return loaded;
  }

  private static String where(JsonLocation at, long customer) {
    return (at == null ? "" : "line " + at.getLineNumber() + ", column " + at.getColumnNumber())
        + (customer > 0 ? " (customer " + customer + " of the array)" : "")
        + ": ";
  }

  /**
   * Replays the journal's changes above the snapshot's sequence.
   *
   * @return the journal's length without a torn last line
   */
  private long replay(SandboxStore loaded) throws IOException {
    try (InputStream in = new FileInputStream(journalFile.toFile())) {
      StateLines lines = new StateLines(in);
      long previous = -1;
      long keep = 0;
      while (lines.next()) {
        if (!lines.terminated()) {
          // Cut by a kill while it was written: its call never returned, so it is not a change
          // anybody was told of.
          LOG.log(
              Level.INFO,
              "dropping the sandbox journal's last line, cut short by a kill: " + journalFile);
          break;
        }
        StateCodec.JournalRecord r = parse(lines, journalFile, StateCodec::readJournal, "a change");
        long at = r.sequence();
        if (!r.stateId().equals(stateId)) {
          throw corruptJournal(
              "line "
                  + lines.number()
                  + ": it belongs to another state (its stateId is not the state file's)");
        }
        if (previous >= 0 && at != previous + 1) {
          throw corruptJournal(
              "line " + lines.number() + ": expected change " + (previous + 1) + ", found " + at);
        }
        previous = at;
        if (at > sequence) {
          if (at != sequence + 1) {
            throw corruptJournal(
                "line "
                    + lines.number()
                    + ": expected change "
                    + (sequence + 1)
                    + " to follow the state file's "
                    + sequence
                    + ", found "
                    + at
                    + " (was the state file replaced by an older copy?)");
          }
          try {
            loaded.replay(r.change());
          } catch (IllegalArgumentException x) {
            throw corruptJournal("line " + lines.number() + ": " + x.getMessage());
          }
          sequence = at;
        }
        keep = lines.end();
      }
      return keep;
    }
  }

  /** Parses the current line with {@code reader}; a line that is not one is corruption. */
  private <T> T parse(StateLines lines, Path in, Function<JsonParser, T> reader, String expected) {
    long line = lines.number();
    try (JsonParser p = SandboxJsonP.STATE_PARSERS.createParser(lines.reader())) {
      return reader.apply(p);
    } catch (CharacterCodingException e) {
      throw corruptLine(in, line, "expected " + expected + ", found bytes that are not UTF-8");
    } catch (StateCodec.Malformed | JsonbException e) {
      throw corruptLine(in, line, e.getMessage());
    } catch (JsonParsingException e) {
      JsonLocation at = e.getLocation();
      throw corruptLine(
          in,
          line,
          "expected "
              + expected
              + ", found text that is not valid JSON"
              + (at == null ? "" : " (column " + at.getColumnNumber() + ")"));
    } catch (JsonException | NoSuchElementException | IllegalStateException e) {
      throw corruptLine(in, line, "expected " + expected + ", found text that is not valid JSON");
    }
  }

  private SandboxStateException corruptLine(Path in, long line, String what) {
    String message = "line " + line + ": " + what;
    return in.equals(journalFile) ? corruptJournal(message) : corrupt(message);
  }

  private SandboxStateException corrupt(String what) {
    return new SandboxStateException(
        Reason.CORRUPT,
        file,
        "The sandbox state "
            + file
            + " cannot be read: "
            + what
            + ". Nothing was changed. Move it away or delete it (and "
            + journalFile.getFileName()
            + " beside it) to start with an empty sandbox.");
  }

  private SandboxStateException corruptJournal(String what) {
    return new SandboxStateException(
        Reason.CORRUPT,
        journalFile,
        "The sandbox state's journal "
            + journalFile
            + " cannot be read: "
            + what
            + ". Nothing was changed. Delete the journal to start from the state file "
            + file
            + " without the changes it records, or move both away to start with an empty"
            + " sandbox.");
  }
}
