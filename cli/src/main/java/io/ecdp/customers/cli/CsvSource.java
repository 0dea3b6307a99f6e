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
 * Columns: the customer record's fields that hold one value ({@link RecordFields#SCALARS}: email,
 * phone, crmId, visitorId, firstName, lastName, dateOfBirth, gender), plus {@code attr:NAME} for a
 * custom attribute and {@code consent:ID} for a consent. An empty cell leaves the field out. An
 * unknown column stops the import before anything is sent; a bad row is refused with its line and
 * field, and the rows after it are still read.
 *
 * <p>Each character is examined once: a record that spans lines (a quoted line break) is parsed
 * line by line, carrying the parser's state over, never re-parsed from its start.
 */
final class CsvSource implements RowSource {

  static final List<String> FIELDS = List.copyOf(RecordFields.SCALARS.keySet());

  /** The most characters one record may span (quoted line breaks included). */
  static final int MAX_RECORD_CHARS = 1 << 20;

  private final String file;
  private final LineReader lines;
  private final List<String> columns = new ArrayList<>();

  /** Per column, resolved once from the header: its scalar field, or null. */
  private RecordFields.Scalar[] scalars;

  /** Per column: the custom attribute's name, or null. */
  private String[] attributes;

  /** Per column: the consent's ID, or -1. */
  private int[] consents;

  private long charsExamined;

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
    Parsed parsed = new Parsed();
    parse(parsed, header.text());
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
    int n = columns.size();
    scalars = new RecordFields.Scalar[n];
    attributes = new String[n];
    consents = new int[n];
    for (int i = 0; i < n; i++) {
      String column = columns.get(i);
      scalars[i] = RecordFields.SCALARS.get(column);
      consents[i] = -1;
      if (scalars[i] == null && column.startsWith("attr:")) {
        attributes[i] = column.substring(5);
      } else if (scalars[i] == null) {
        consents[i] = Integer.parseInt(column.substring(8));
      }
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
    Parsed parsed = new Parsed();
    parse(parsed, first.text());
    if (!parsed.openQuote) {
      return finish(first.number(), first.text(), parsed);
    }
    StringBuilder text = new StringBuilder(first.text());
    LineReader.Line previous = first;
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
      if (text.length() + 1 + more.text().length() > MAX_RECORD_CHARS) {
        return Row.refused(
            first.number(),
            null,
            null,
            "a quoted field runs past " + MAX_RECORD_CHARS + " characters");
      }
      // The line break is part of the quoted field, as it was: LF, or CR LF.
      String lineBreak = previous.crlf() ? "\r\n" : "\n";
      text.append(lineBreak).append(more.text());
      parsed.field.append(lineBreak);
      parse(parsed, more.text());
      previous = more;
    }
    return finish(first.number(), text.toString(), parsed);
  }

  private Row finish(long line, String raw, Parsed parsed) {
    if (parsed.error != null) {
      return Row.refused(line, raw, null, parsed.error);
    }
    return toRow(line, raw, parsed.fields);
  }

  /** Returns how many characters the parser has examined so far (each one once). */
  long charsExamined() {
    return charsExamined;
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
        RecordFields.Scalar scalar = scalars[i];
        if (scalar != null) {
          RecordFields.set(b, scalar, v);
        } else if (this.attributes[i] != null) {
          attributes.add(CustomAttribute.builder().name(this.attributes[i]).value(v).build());
        } else {
          consents.add(
              Consent.builder()
                  .id(this.consents[i])
                  .value(Fields.consent(columns.get(i), v))
                  .build());
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

  /**
   * The parser's state over one record: the fields so far, the field being read, and whether a
   * quoted field is still open at the end of the text fed so far.
   */
  private static final class Parsed {
    final List<String> fields = new ArrayList<>();
    final StringBuilder field = new StringBuilder();
    String error;
    boolean openQuote;
    boolean afterQuote;
    boolean fieldStart = true;
  }

  /** Feeds one line of a record to {@code p}; a record's later lines continue its state. */
  private void parse(Parsed p, String text) {
    if (!p.openQuote && p.field.length() == 0 && text.indexOf('"') < 0) {
      // No quote, nothing carried over: the fields are the text between the commas, the same
      // fields the parser below gives (only a quote can make a field differ or an error).
      int from = 0;
      for (int comma = text.indexOf(','); comma >= 0; comma = text.indexOf(',', from)) {
        p.fields.add(text.substring(from, comma));
        from = comma + 1;
      }
      p.fields.add(text.substring(from));
      charsExamined += text.length();
      p.fieldStart = true;
      p.afterQuote = false;
      return;
    }
    boolean quoted = p.openQuote;
    StringBuilder field = p.field;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      charsExamined++;
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < n && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
            charsExamined++;
          } else {
            quoted = false;
            p.afterQuote = true;
          }
        } else {
          field.append(c);
        }
      } else if (c == ',') {
        p.fields.add(field.toString());
        field.setLength(0);
        p.afterQuote = false;
        p.fieldStart = true;
        continue;
      } else if (p.afterQuote) {
        p.error =
            "text after a closing quote (field "
                + (p.fields.size() + 1)
                + " of the row): quote the whole field and double the quote";
        p.openQuote = false;
        return;
      } else if (c == '"') {
        if (!p.fieldStart) {
          p.error =
              "a quote inside an unquoted field (field "
                  + (p.fields.size() + 1)
                  + " of the row): quote the whole field and double the quote";
          p.openQuote = false;
          return;
        }
        quoted = true;
      } else {
        field.append(c);
      }
      p.fieldStart = false;
    }
    p.openQuote = quoted;
    if (!quoted) {
      p.fields.add(field.toString());
      field.setLength(0);
    }
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
