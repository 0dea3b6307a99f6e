package io.ecdp.customers.sandbox;

/**
 * How the sandbox words the {@code errors} of a refused batch.
 *
 * <p>The spec states one form that attributes an entry to a record: {@code data[N].field: rule},
 * where {@code N} is the record's 0-based index in the request's {@code data} ({@code
 * x-record-error-form} on the {@code Problem} schema's {@code errors}). A server is free to answer
 * in any other form, which names no record.
 */
public enum RecordErrors {
  /** Each entry names its record in the spec's form: {@code data[3].email: is required}. */
  INDEXED,
  /**
   * Entries name no record ({@code email: is required}), as a server that words its errors freely
   * would: a client has to find the refused records by other means.
   */
  OPAQUE
}
