package io.ecdp.customers;

import java.util.Objects;

/**
 * The answer to a batch that the server accepted: the response's metadata (the spec documents no
 * body).
 *
 * <p>Immutable.
 */
public final class UpsertResult {

  private final int records;
  private final ResponseMetadata metadata;

  UpsertResult(int records, ResponseMetadata metadata) {
    this.records = records;
    this.metadata = Objects.requireNonNull(metadata, "metadata");
  }

  /**
   * Returns how many records the accepted batch held.
   *
   * @return the number of records sent
   */
  public int records() {
    return records;
  }

  /**
   * Returns the status, headers and request id of the answer.
   *
   * @return the metadata
   */
  public ResponseMetadata metadata() {
    return metadata;
  }

  @Override
  public String toString() {
    return "UpsertResult{records=" + records + ", " + metadata + "}";
  }
}
