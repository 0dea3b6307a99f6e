package io.ecdp.customers.errors;

import io.ecdp.customers.internal.ErrorContext;

/** Thrown when the server answers 403: the API key may not do this. */
public final class ForbiddenException extends EcdpServiceException {

  private static final long serialVersionUID = 1L;

  ForbiddenException(ErrorContext context) {
    super(context);
  }
}
