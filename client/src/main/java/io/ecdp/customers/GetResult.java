package io.ecdp.customers;

import io.ecdp.customers.model.CustomerDetails;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a get: the customer, or none, and the response's metadata.
 *
 * <p>Immutable.
 */
public final class GetResult {

  private final @Nullable CustomerDetails customer;
  private final ResponseMetadata metadata;

  GetResult(@Nullable CustomerDetails customer, ResponseMetadata metadata) {
    this.customer = customer;
    this.metadata = Objects.requireNonNull(metadata, "metadata");
  }

  /**
   * Returns the customer found.
   *
   * @return the customer, or empty when the server has no such customer (a 404 problem answer)
   */
  public Optional<CustomerDetails> customer() {
    return Optional.ofNullable(customer);
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
    return "GetResult{found=" + (customer != null) + ", " + metadata + "}";
  }
}
