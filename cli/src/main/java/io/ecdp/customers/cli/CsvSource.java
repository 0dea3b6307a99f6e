package io.ecdp.customers.cli;

import io.ecdp.customers.model.Consent;
import io.ecdp.customers.model.ConsentsData;
import io.ecdp.customers.model.CustomAttribute;
import io.ecdp.customers.model.CustomerRecord;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads customers from CSV (RFC 4180: a header row, commas, double quotes, quoted line breaks).
 * Columns: {@code email, phone, crmId, visitorId, firstName, lastName, dateOfBirth, gender}, plus
 * {@code attr:NAME} for a custom attribute and {@code consent:ID} for a consent. An empty cell
 * leaves the field out. An unknown column stops the import before anything is sent; a bad row is
 * refused with its line and field, and the rows after it are still read.
 */
final class CsvSource implements RowSource {

  static final List<String> FIELDS =
      List.of(
          "email", "phone", "crmId", "visitorId", "firstName", "lastName", "dateOfBirth", "gender");

  /** The most characters one record may span (quoted line breaks included). */
  static final int MAX_RECORD_CHARS = 1 << 20;

  private final String file;
  private final LineReader lines;
  private final List<String> columns = new ArrayList<>();

  CsvSource(String file, InputStream in) throws IOException {
    this.file = file;
    this.lines = new LineReader(in);
    LineReader.Line header = lines.next();
    if (header == null || header.text() == null || header.text().isBlank()) {
      throw new InputFileException(
          file,
          1,
          null,
          header != null && header.error() != null ? header.error() : "no header row");
    }
    Parsed parsed = parse(header.text());
    if (parsed.error != null) {
      throw new InputFileException(file, 1, null, "bad header: " + parsed.error);
    }
    Set<String> seen = new HashSet<>();
    for (String column : parsed.fields) {
      String c = column.trim();
      String canonical = canonical(c);
      if (canonical == null) {
        throw new InputFileException(
            file,
            1,
            c,
            "unknown column (known: " + String.join(", ", FIELDS) + ", attr:NAME, consent:ID)");
      }
      if (!seen.add(canonical)) {
        throw new InputFileException(file, 1, c, "the column appears twice");
      }
      columns.add(canonical);
    }
  }

  private static String canonical(String column) {
    for (String f : FIELDS) {
      if (f.equalsIgnoreCase(column)) {
        return f;
      }
    }
    String lower = column.toLowerCase(Locale.ROOT);
    if (lower.startsWith("attr:") && column.length() > 5) {
      return "attr:" + column.substring(5);
    }
    if (lower.startsWith("consent:") && column.substring(8).matches("\\d{1,9}")) {
      return "consent:" + column.substring(8);
    }
    return null;
  }

  @Override
  public Row next() throws IOException {
    LineReader.Line first = lines.nextNonBlank();
    if (first == null) {
      return null;
    }
    if (first.error() != null) {
      return Row.refused(first.number(), null, null, first.error());
    }
    StringBuilder text = new StringBuilder(first.text());
    Parsed parsed = parse(text);
    while (parsed.openQuote) {
      LineReader.Line more = lines.next();
      if (more == null) {
        return Row.refused(
            first.number(),
            text.toString(),
            null,
            "a quoted field is not closed before the end of the file");
      }
      if (more.error() != null) {
        return Row.refused(
            first.number(), null, null, "line " + more.number() + ": " + more.error());
      }
      if (text.length() + more.text().length() > MAX_RECORD_CHARS) {
        return Row.refused(
            first.number(),
            null,
            null,
            "a quoted field runs past " + MAX_RECORD_CHARS + " characters");
      }
      text.append('\n').append(more.text());
      parsed = parse(text);
    }
    if (parsed.error != null) {
      return Row.refused(first.number(), text.toString(), null, parsed.error);
    }
    return toRow(first.number(), text.toString(), parsed.fields);
  }

  private Row toRow(long line, String raw, List<String> values) {
    if (values.size() != columns.size()) {
      return Row.refused(
          line,
          raw,
          null,
          "the row has " + values.size() + " fields, the header " + columns.size());
    }
    CustomerRecord.Builder b = CustomerRecord.builder();
    List<CustomAttribute> attributes = new ArrayList<>();
    List<Consent> consents = new ArrayList<>();
    try {
      for (int i = 0; i < values.size(); i++) {
        String v = values.get(i);
        if (v.isEmpty()) {
          continue;
        }
        String column = columns.get(i);
        switch (column) {
          case "email" -> b.email(Fields.email(v));
          case "phone" -> b.phone(v);
          case "crmId" -> b.crmId(v);
          case "visitorId" -> b.visitorId(v);
          case "firstName" -> b.firstName(v);
          case "lastName" -> b.lastName(v);
          case "dateOfBirth" -> b.dateOfBirth(Fields.date(column, v));
          case "gender" -> b.gender(Fields.gender(v));
          default -> {
            if (column.startsWith("attr:")) {
              attributes.add(CustomAttribute.builder().name(column.substring(5)).value(v).build());
            } else {
              int id = Integer.parseInt(column.substring(8));
              consents.add(Consent.builder().id(id).value(Fields.consent(column, v)).build());
            }
          }
        }
      }
    } catch (Fields.BadValue e) {
      return Row.refused(line, raw, e.field, e.getMessage());
    }
    if (!attributes.isEmpty()) {
      b.customAttributes(attributes);
    }
    if (!consents.isEmpty()) {
      b.consentsData(ConsentsData.builder().consents(consents).build());
    }
    return Row.ok(line, raw, b.build());
  }

  /** The fields of one record, or why it is malformed, or that a quoted field is still open. */
  private static final class Parsed {
    final List<String> fields = new ArrayList<>();
    String error;
    boolean openQuote;
  }

  private static Parsed parse(CharSequence text) {
    Parsed p = new Parsed();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean afterQuote = false;
    boolean fieldStart = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
            afterQuote = true;
          }
        } else {
          field.append(c);
        }
      } else if (c == ',') {
        p.fields.add(field.toString());
        field.setLength(0);
        afterQuote = false;
        fieldStart = true;
        continue;
      } else if (afterQuote) {
        p.error = "text after a closing quote in field " + (p.fields.size() + 1);
        return p;
      } else if (c == '"') {
        if (!fieldStart) {
          p.error = "a quote inside an unquoted field " + (p.fields.size() + 1);
          return p;
        }
        quoted = true;
      } else {
        field.append(c);
      }
      fieldStart = false;
    }
    if (quoted) {
      p.openQuote = true;
      return p;
    }
    p.fields.add(field.toString());
    return p;
  }

  @Override
  public long bytesRead() {
    return lines.bytesRead();
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }

  @Override
  public String toString() {
    return file;
  }
}
