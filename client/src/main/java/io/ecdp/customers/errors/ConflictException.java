package io.ecdp.customers.errors;

import io.ecdp.customers.internal.ErrorContext;

/**
 * Thrown when the server answers 409: the batch conflicts with the customers on the platform (an
 * {@code Add} of a customer that exists, for example).
 */
public final class ConflictException extends EcdpServiceException {

  private static final long serialVersionUID = 1L;

  ConflictException(ErrorContext context) {
    super(context);
  }
}
