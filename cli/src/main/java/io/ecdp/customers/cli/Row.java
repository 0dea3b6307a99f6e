package io.ecdp.customers.cli;

import io.ecdp.customers.model.CustomerRecord;

/**
 * One input row: the record read from it, or why it could not be read.
 *
 * @param line the line it starts on
 * @param raw the row's text as read (for the rejects file), or null when it could not be decoded
 * @param record the record, or null when the row was refused
 * @param field the field at fault, or null
 * @param reason why the row was refused, or null
 */
record Row(long line, String raw, CustomerRecord record, String field, String reason) {

  static Row ok(long line, String raw, CustomerRecord record) {
    return new Row(line, raw, record, null, null);
  }

  static Row refused(long line, String raw, String field, String reason) {
    return new Row(line, raw, null, field, reason);
  }

  boolean refused() {
    return record == null;
  }
}
