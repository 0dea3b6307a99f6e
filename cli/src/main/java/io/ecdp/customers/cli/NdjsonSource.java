package io.ecdp.customers.cli;

import io.ecdp.customers.model.CustomerRecord;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;

/**
 * Reads customers from NDJSON: one JSON object per line, with the fields of a customer record as
 * the spec names them. Blank lines are skipped; a bad line is refused with its line and field. Each
 * line is parsed once: its JSON object is turned into a record without writing it out again.
 */
final class NdjsonSource implements RowSource {

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
    try (JsonReader reader = JsonP.PROVIDER.createReader(new StringReader(text))) {
      JsonValue value = reader.readValue();
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        return Row.refused(number, text, null, "the line is not a JSON object");
      }
      object = value.asJsonObject();
    } catch (RuntimeException e) {
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
