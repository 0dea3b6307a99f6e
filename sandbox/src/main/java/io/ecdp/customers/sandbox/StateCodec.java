package io.ecdp.customers.sandbox;

import io.ecdp.customers.internal.model.CustomerDetailsJson;
import io.ecdp.customers.model.CustomerDetails;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes and reads the lines of the sandbox's state file and journal (NDJSON: one JSON object a
 * line). A customer is {@code {"id":7,"visitorId":"...","anonymized":true,"details":{...}}} ({@code
 * details} as {@code GET} answers it; {@code visitorId} and {@code anonymized} only when set); the
 * state file's first line is its header, and each journal line one change. Readers throw {@link
 * Malformed} with a message that names what was expected and never quotes a value.
 */
final class StateCodec {

  /** The state file header's {@code format}. */
  static final String STATE_FORMAT = "ecdp-sandbox-state";

  /** The version of the state file and journal this sandbox writes and reads. */
  static final int VERSION = 2;

  private StateCodec() {}

  /** A line that is not what was expected; the message never quotes the file's values. */
  static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message);
    }
  }

  /**
   * The state file's first line.
   *
   * @param stateId the state's identity, a UUID kept for its whole life
   * @param sequence how many changes the state has had
   * @param nextId the ID the next new customer gets
   * @param customers how many customer lines follow
   */
  record Header(String stateId, long sequence, int nextId, long customers) {}

  /**
   * One line of the journal.
   *
   * @param stateId the state it belongs to
   * @param sequence the change's number in the state's life
   * @param change what it did
   */
  record JournalRecord(String stateId, long sequence, SandboxStore.Change change) {}

  // ---------------------------------------------------------------- writing

  /** Writes the header line, with its newline. */
  static void writeHeader(Writer out, Header h) throws IOException {
    try (JsonGenerator g = SandboxJsonP.GENERATORS.createGenerator(new Unclosed(out))) {
      g.writeStartObject()
          .write("format", STATE_FORMAT)
          .write("version", VERSION)
          .write("stateId", h.stateId())
          .write("sequence", h.sequence())
          .write("nextId", h.nextId())
          .write("customers", h.customers())
          .writeEnd();
    }
    out.write('\n');
  }

  /** Writes a customer's line, with its newline. */
  static void writeEntry(Writer out, SandboxStore.Entry e) throws IOException {
    try (JsonGenerator g = SandboxJsonP.GENERATORS.createGenerator(new Unclosed(out))) {
      entry(g, e);
    }
    out.write('\n');
  }

  /** Writes a journal line, with its newline. */
  static void writeJournal(Writer out, JournalRecord r) throws IOException {
    try (JsonGenerator g = SandboxJsonP.GENERATORS.createGenerator(new Unclosed(out))) {
      SandboxStore.Change c = r.change();
      g.writeStartObject()
          .write("stateId", r.stateId())
          .write("sequence", r.sequence())
          .write("nextId", c.nextId());
      if (c.clear()) {
        g.write("clear", true);
      }
      if (c.removed().length > 0) {
        g.writeStartArray("remove");
        for (int id : c.removed()) {
          g.write(id);
        }
        g.writeEnd();
      }
      if (!c.put().isEmpty()) {
        g.writeStartArray("put");
        for (SandboxStore.Entry e : c.put()) {
          entry(g, e);
        }
        g.writeEnd();
      }
      g.writeEnd();
    }
    out.write('\n');
  }

  private static void entry(JsonGenerator g, SandboxStore.Entry e) {
    g.writeStartObject().write("id", e.id());
    if (e.visitorId() != null) {
      g.write("visitorId", e.visitorId());
    }
    if (e.anonymized()) {
      g.write("anonymized", true);
    }
    g.writeKey("details");
    CustomerDetailsJson.write(e.details(), g);
    g.writeEnd();
  }

  /** A writer whose close only flushes the generator into it, leaving the file open. */
  private static final class Unclosed extends FilterWriter {
    Unclosed(Writer out) {
      super(out);
    }

    @Override
    public void close() {
      // the file stays open for the next line
    }
  }

  // ---------------------------------------------------------------- reading

  /** Reads a header line; the parser is at its start. */
  static Header readHeader(JsonParser p) {
    if (!p.hasNext() || p.next() != Event.START_OBJECT) {
      throw new Malformed("expected a header object {\"format\":\"" + STATE_FORMAT + "\",...}");
    }
    String format = null;
    Integer version = null;
    String stateId = null;
    Long sequence = null;
    Integer nextId = null;
    Long customers = null;
    for (String member = member(p); member != null; member = member(p)) {
      switch (member) {
        case "format" -> format = string(p, "format");
        case "version" -> version = (int) number(p, "version", 0, Integer.MAX_VALUE);
        case "stateId" -> stateId = string(p, "stateId");
        case "sequence" -> sequence = number(p, "sequence", 0, Long.MAX_VALUE);
        case "nextId" -> nextId = (int) number(p, "nextId", 1, Integer.MAX_VALUE);
        case "customers" -> customers = number(p, "customers", 0, Integer.MAX_VALUE);
        default -> JsonTokens.skip(p, p.next());
      }
    }
    end(p);
    if (format == null) {
      throw new Malformed(
          "expected a header with \"format\":\""
              + STATE_FORMAT
              + "\", found an object without \"format\"");
    }
    if (!format.equals(STATE_FORMAT)) {
      throw new Malformed(
          "expected a header with \"format\":\""
              + STATE_FORMAT
              + "\", found another format: not a sandbox state file");
    }
    if (version == null || version != VERSION) {
      throw new Malformed(
          "expected version "
              + VERSION
              + ", found "
              + (version == null ? "none" : "version " + version)
              + (version != null && version > VERSION
                  ? " (written by a newer sandbox; use that one)"
                  : ""));
    }
    checkStateId(stateId);
    require(sequence, "sequence");
    require(nextId, "nextId");
    require(customers, "customers");
    return new Header(stateId, sequence, nextId, customers);
  }

  /** Reads a customer's line; the parser is at its start. */
  static SandboxStore.Entry readEntryLine(JsonParser p) {
    if (!p.hasNext() || p.next() != Event.START_OBJECT) {
      throw new Malformed("expected a customer object {\"id\":...,\"details\":{...}}");
    }
    SandboxStore.Entry e = readEntry(p);
    end(p);
    return e;
  }

  /**
   * Reads a customer's members; the parser has just returned the object's start (also used for the
   * elements of the old format, a JSON array of them).
   */
  static SandboxStore.Entry readEntry(JsonParser p) {
    Integer id = null;
    String visitorId = null;
    boolean anonymized = false;
    CustomerDetails details = null;
    for (String member = member(p); member != null; member = member(p)) {
      switch (member) {
        case "id" -> id = (int) number(p, "id", 1, Integer.MAX_VALUE);
        case "visitorId" -> visitorId = JsonTokens.string(p, p.next(), "visitorId");
        case "anonymized" -> {
          Boolean b = JsonTokens.bool(p, p.next(), "anonymized");
          anonymized = b != null && b;
        }
        case "details" -> {
          if (p.next() != Event.START_OBJECT) {
            throw new Malformed("expected \"details\" to be an object");
          }
          details = CustomerDetailsJson.read(p);
        }
        default -> JsonTokens.skip(p, p.next());
      }
    }
    require(id, "id");
    require(details, "details");
    return new SandboxStore.Entry(id, visitorId, anonymized, details);
  }

  /** Reads a journal line; the parser is at its start. */
  static JournalRecord readJournal(JsonParser p) {
    if (!p.hasNext() || p.next() != Event.START_OBJECT) {
      throw new Malformed("expected a change object {\"stateId\":...,\"sequence\":...}");
    }
    String stateId = null;
    Long sequence = null;
    Integer nextId = null;
    boolean clear = false;
    int[] removed = new int[0];
    List<SandboxStore.Entry> put = List.of();
    for (String member = member(p); member != null; member = member(p)) {
      switch (member) {
        case "stateId" -> stateId = string(p, "stateId");
        case "sequence" -> sequence = number(p, "sequence", 1, Long.MAX_VALUE);
        case "nextId" -> nextId = (int) number(p, "nextId", 1, Integer.MAX_VALUE);
        case "clear" -> {
          Boolean b = JsonTokens.bool(p, p.next(), "clear");
          clear = b != null && b;
        }
        case "remove" -> {
          array(p, "remove");
          List<Integer> ids = new ArrayList<>();
          for (Event e = p.next(); e != Event.END_ARRAY; e = p.next()) {
            if (e != Event.VALUE_NUMBER) {
              throw new Malformed("expected \"remove\" to hold customer IDs");
            }
            ids.add(intValue(p, "remove"));
          }
          removed = ids.stream().mapToInt(Integer::intValue).toArray();
        }
        case "put" -> {
          array(p, "put");
          put = new ArrayList<>();
          for (Event e = p.next(); e != Event.END_ARRAY; e = p.next()) {
            if (e != Event.START_OBJECT) {
              throw new Malformed("expected \"put\" to hold customer objects");
            }
            put.add(readEntry(p));
          }
        }
        default -> JsonTokens.skip(p, p.next());
      }
    }
    end(p);
    checkStateId(stateId);
    require(sequence, "sequence");
    require(nextId, "nextId");
    return new JournalRecord(
        stateId, sequence, new SandboxStore.Change(clear, removed, put, nextId));
  }

  private static String member(JsonParser p) {
    try {
      return JsonTokens.nextMember(p, "the object");
    } catch (JsonbException e) {
      throw new Malformed("expected a member name or the object's end");
    }
  }

  private static void end(JsonParser p) {
    if (p.hasNext()) {
      throw new Malformed("expected the line to end after its object, found more");
    }
  }

  private static void array(JsonParser p, String field) {
    if (p.next() != Event.START_ARRAY) {
      throw new Malformed("expected \"" + field + "\" to be an array");
    }
  }

  private static String string(JsonParser p, String field) {
    if (p.next() != Event.VALUE_STRING) {
      throw new Malformed("expected \"" + field + "\" to be a string");
    }
    return p.getString();
  }

  private static long number(JsonParser p, String field, long min, long max) {
    if (p.next() != Event.VALUE_NUMBER) {
      throw new Malformed("expected \"" + field + "\" to be a number");
    }
    long value;
    try {
      value = p.getBigDecimal().longValueExact();
    } catch (ArithmeticException e) {
      throw new Malformed("expected \"" + field + "\" to be an integer");
    }
    if (value < min || value > max) {
      throw new Malformed(
          "expected \"" + field + "\" to be from " + min + " to " + max + ", found " + value);
    }
    return value;
  }

  private static int intValue(JsonParser p, String field) {
    BigDecimal d = p.getBigDecimal();
    try {
      return d.intValueExact();
    } catch (ArithmeticException e) {
      throw new Malformed("expected \"" + field + "\" to hold 32-bit integers");
    }
  }

  private static void require(Object value, String field) {
    if (value == null) {
      throw new Malformed("expected a \"" + field + "\" member, found none");
    }
  }

  private static void checkStateId(String stateId) {
    require(stateId, "stateId");
    try {
      UUID.fromString(stateId);
    } catch (IllegalArgumentException e) {
      throw new Malformed("expected \"stateId\" to be a UUID");
    }
  }
}
