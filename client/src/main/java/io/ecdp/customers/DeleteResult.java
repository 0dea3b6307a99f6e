package io.ecdp.customers;

import java.util.Objects;

/**
 * The answer to a delete: whether a customer was deleted, and the response's metadata.
 *
 * <p>Immutable.
 */
public final class DeleteResult {

  private final boolean deleted;
  private final ResponseMetadata metadata;

  DeleteResult(boolean deleted, ResponseMetadata metadata) {
    this.deleted = deleted;
    this.metadata = Objects.requireNonNull(metadata, "metadata");
  }

  /**
   * Returns whether a customer was deleted.
   *
   * @return true when deleted, false when the server had no such customer (a 404 problem answer)
   */
  public boolean deleted() {
    return deleted;
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
    return "DeleteResult{deleted=" + deleted + ", " + metadata + "}";
  }
}
