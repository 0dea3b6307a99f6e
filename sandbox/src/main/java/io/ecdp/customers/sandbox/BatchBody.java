package io.ecdp.customers.sandbox;

import io.ecdp.customers.internal.model.CustomerRecordJson;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import jakarta.json.JsonObject;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The body of {@code POST /customers}, read as a stream and checked record by record as it is read.
 *
 * <p>Each record is read on its own (as a JSON object, then by the generated reader) and checked
 * against the rules a record can break on its own: the type of each value (every value of the wrong
 * type is named, by its path in the spec: {@code data[0].dateOfBirth}), the spec's constraints, and
 * the presence of the match key. The records are kept only while the batch may still be applied:
 * once one is refused, nothing of the batch will be applied and the store's checks (which need the
 * whole batch) are not run, so the rest of the body is only checked and counted. Memory spent on a
 * refused batch is then its first refusals ({@link SandboxStore.Refusals}) and a bit per record,
 * not its records.
 */
final class BatchBody {

  /** The body's parsers; also over one record's object, which the generated reader then reads. */
  private final JsonParserFactory parsers;

  /** The requested mode, or null when absent or not a string. */
  UpsertMode mode;

  /** The requested match key, or null when absent or not a string. */
  MatchBy matchBy;

  /** Whether the body had a {@code data} array. */
  boolean hasData;

  /** How many records {@code data} held. */
  int records;

  /** The errors of the request itself (its {@code mode}, {@code matchBy}, {@code data}). */
  final List<String> requestErrors = new ArrayList<>();

  /** The records' refusals: the first of them, their count, and which records. */
  final SandboxStore.Refusals refusals;

  /** The index of the record being read, or -1 outside them. */
  private int reading = -1;

  /** The records read, while none was refused; null once one was. */
  private List<CustomerRecord> kept = new ArrayList<>();

  /** For a {@code matchBy} that comes after {@code data}: the keys each record holds. */
  private byte[] keyBits = new byte[0];

  private boolean mustCheckKeysLater;

  /** In {@link #keyBits}: the record was refused before its keys could be read. */
  private static final int REFUSED_WHOLE = 0x10;

  private BatchBody(JsonParserFactory parsers, int listed) {
    this.parsers = parsers;
    this.refusals = new SandboxStore.Refusals(listed);
  }

  /**
   * Reads and checks a body.
   *
   * @param parsers the sandbox's parsers of request bodies ({@link SandboxJsonP#forBodies})
   * @param in the body
   * @param listed how many refusals to keep for the answer (the rest are counted)
   * @return the body read, or null when it is empty
   * @throws jakarta.json.JsonException if the body is not JSON
   * @throws JsonbException if it is JSON but not an object
   * @throws JsonLimit.Reached if it reached a limit of the parser (too deeply nested, a number too
   *     long), whether or not it is JSON
   */
  static BatchBody read(JsonParserFactory parsers, InputStream in, int listed) {
    BatchBody body = new BatchBody(parsers, listed);
    try (JsonParser parser = parsers.createParser(in)) {
      if (!parser.hasNext()) {
        return null;
      }
      if (parser.next() != Event.START_OBJECT) {
        throw new JsonbException("the body is not a JSON object");
      }
      body.readRequest(parser);
      if (parser.hasNext()) {
        parser.next(); // text after the object: Parsson refuses it here
        throw new JsonbException("text after the JSON object");
      }
    } catch (RuntimeException e) {
      JsonLimit limit = JsonLimit.of(e);
      if (limit == null) {
        throw e;
      }
      String where =
          body.reading < 0 || limit == JsonLimit.DOCUMENT_LENGTH
              ? null
              : "data[" + body.reading + "]";
      throw new JsonLimit.Reached(limit, where, e);
    }
    body.checkKeysLate();
    return body;
  }

  /** The records, when the batch may be applied (none refused); else null. */
  List<CustomerRecord> records() {
    return refusals.isEmpty() ? kept : null;
  }

  /** How many records are held now (0 once one was refused). */
  int kept() {
    return kept == null ? 0 : kept.size();
  }

  private void readRequest(JsonParser parser) {
    for (String member = JsonTokens.nextMember(parser, "body");
        member != null;
        member = JsonTokens.nextMember(parser, "body")) {
      Event event = parser.next();
      switch (member) {
        case "mode" -> {
          String text = string(parser, event, "mode");
          mode = text == null ? null : UpsertMode.of(text);
        }
        case "matchBy" -> {
          String text = string(parser, event, "matchBy");
          matchBy = text == null ? null : MatchBy.of(text);
        }
        case "data" -> readData(parser, event);
        default -> JsonTokens.skip(parser, event);
      }
    }
  }

  private String string(JsonParser parser, Event event, String field) {
    try {
      return JsonTokens.string(parser, event, field);
    } catch (JsonbException e) {
      requestErrors.add(e.getMessage());
      JsonTokens.skip(parser, event);
      return null;
    }
  }

  private void readData(JsonParser parser, Event event) {
    if (event == Event.VALUE_NULL) {
      return;
    }
    if (event != Event.START_ARRAY) {
      requestErrors.add("data: must be an array, found " + describe(event));
      JsonTokens.skip(parser, event);
      return;
    }
    hasData = true;
    // The match key is checked as each record is read when matchBy came first (as the client
    // writes it); otherwise once the body is read, from a bit per record.
    MatchBy keyed = usableMatchBy();
    mustCheckKeysLater = matchBy == null;
    for (Event item = parser.next(); item != Event.END_ARRAY; item = parser.next()) {
      reading = records;
      readRecord(parser, item, records++, keyed);
    }
    reading = -1;
  }

  private MatchBy usableMatchBy() {
    return matchBy != null && matchBy.isKnown() && !MatchBy.GUID.equals(matchBy) ? matchBy : null;
  }

  private void readRecord(JsonParser parser, Event event, int index, MatchBy keyed) {
    if (event != Event.START_OBJECT) {
      refuse(
          new SandboxStore.Rejection(
              index,
              "(record)",
              event == Event.VALUE_NULL
                  ? "must not be null"
                  : "must be an object, found " + describe(event)));
      JsonTokens.skip(parser, event);
      rememberKeys(index, REFUSED_WHOLE);
      return;
    }
    JsonObject object = parser.getObject();
    CustomerRecord record;
    try (JsonParser tree = parsers.createParser(object)) {
      tree.next();
      record = CustomerRecordJson.read(tree);
    } catch (JsonbException e) {
      long before = refusals.total();
      TypeCheck.check(
          CustomerRecord.class,
          object,
          "",
          (field, rule) -> refuse(new SandboxStore.Rejection(index, field, rule)));
      if (refusals.total() == before) { // not found again: name the record, not the value
        refuse(new SandboxStore.Rejection(index, "(record)", "is not a valid customer record"));
      }
      rememberKeys(index, REFUSED_WHOLE);
      return;
    }
    long before = refusals.total();
    SandboxStore.checkRecord(index, record, keyed, refusals);
    if (refusals.total() != before) {
      kept = null;
    } else if (kept != null) {
      kept.add(record);
    }
    rememberKeys(index, SandboxStore.keyBits(record));
  }

  private void refuse(SandboxStore.Rejection r) {
    refusals.add(r);
    kept = null; // the batch will not be applied: its records are not needed any more
  }

  private void rememberKeys(int index, int bits) {
    if (!mustCheckKeysLater) {
      return;
    }
    if (index >= keyBits.length) {
      keyBits = Arrays.copyOf(keyBits, Math.max(16, keyBits.length * 2));
    }
    keyBits[index] = (byte) bits;
  }

  /** Checks the match keys of a batch whose {@code matchBy} came after its {@code data}. */
  private void checkKeysLate() {
    MatchBy keyed = usableMatchBy();
    if (mustCheckKeysLater && keyed != null) {
      int bit = SandboxStore.keyBit(keyed);
      for (int i = 0; i < records; i++) {
        // A record refused as a whole (not an object, values of the wrong type) has no keys read.
        if ((keyBits[i] & REFUSED_WHOLE) == 0) {
          long before = refusals.total();
          SandboxStore.checkKey(i, (keyBits[i] & bit) != 0, keyed, refusals);
          if (refusals.total() != before) {
            kept = null;
          }
        }
      }
    }
    keyBits = null;
  }

  private static String describe(Event event) {
    return switch (event) {
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      default -> String.valueOf(event);
    };
  }
}
