package io.ecdp.customers.cli;

import io.ecdp.customers.model.CustomerRecord;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads customers from NDJSON: one JSON object per line, with the fields of a customer record as
 * the spec names them. Blank lines are skipped; a bad line is refused with its line and field. Each
 * line is parsed once: its JSON object is turned into a record without writing it out again.
 */
final class NdjsonSource implements RowSource {

  /** JSON-P readers that refuse an object with a key twice (the parser's own option). */
  private static final JsonReaderFactory READERS =
      JsonP.PROVIDER.createReaderFactory(Map.of("org.eclipse.parsson.rejectDuplicateKeys", true));

  /** The parser's words for a key given twice; the key is a field name, never a value. */
  private static final Pattern DUPLICATE_KEY = Pattern.compile("Duplicate key '([^']{1,64})'");

  private final LineReader lines;
  private final Jsonb jsonb;
  private long parses;

  NdjsonSource(InputStream in, Jsonb jsonb) {
    this.lines = new LineReader(in);
    this.jsonb = jsonb;
  }

  @Override
  public Row next() throws IOException {
    LineReader.Line line = lines.nextNonBlank();
    if (line == null) {
      return null;
    }
    if (line.error() != null) {
      return Row.refused(line.number(), null, null, line.error());
    }
    return parse(line.number(), line.text());
  }

  private Row parse(long number, String text) {
    JsonObject object;
    parses++;
    try (JsonReader reader = READERS.createReader(new StringReader(text))) {
      JsonValue value = reader.readValue();
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        return Row.refused(number, text, null, "the line is not a JSON object");
      }
      object = value.asJsonObject();
    } catch (RuntimeException e) {
      Matcher duplicate = DUPLICATE_KEY.matcher(String.valueOf(e.getMessage()));
      if (duplicate.find()) {
        return Row.refused(
            number, text, duplicate.group(1), "appears twice in the object (one value only)");
      }
      return Row.refused(number, text, null, "the line is not valid JSON");
    }
    CustomerRecord record;
    try {
      record = RecordJson.read(object, jsonb);
    } catch (Fields.BadValue e) {
      return Row.refused(number, text, e.field, e.getMessage());
    }
    try {
      if (record.email() != null) {
        Fields.email(record.email());
      }
      if (record.gender() != null) {
        Fields.gender(record.gender().value());
      }
    } catch (Fields.BadValue e) {
      return Row.refused(number, text, e.field, e.getMessage());
    }
    return Row.ok(number, text, record);
  }

  /** Returns how many times a line's text has been parsed (once a line). */
  long parses() {
    return parses;
  }

  @Override
  public long bytesRead() {
    return lines.bytesRead();
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
