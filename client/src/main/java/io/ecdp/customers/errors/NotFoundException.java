package io.ecdp.customers.errors;

import io.ecdp.customers.internal.ErrorContext;

/**
 * Thrown when the server answers 404 where the answer is not simply "no such customer", such as a
 * proxy's page for a wrong base URI (a lookup then finds nothing and a delete deletes nothing,
 * without an exception).
 */
public final class NotFoundException extends EcdpServiceException {

  private static final long serialVersionUID = 1L;

  NotFoundException(ErrorContext context) {
    super(context);
  }
}
