package io.ecdp.customers.errors;

import io.ecdp.customers.internal.ErrorContext;

/** Thrown when the server answers 401: the API key is missing, wrong or revoked. */
public final class UnauthorizedException extends EcdpServiceException {

  private static final long serialVersionUID = 1L;

  UnauthorizedException(ErrorContext context) {
    super(context);
  }
}
