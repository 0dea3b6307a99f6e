package io.ecdp.customers.errors;

import io.ecdp.customers.internal.ErrorContext;

/**
 * Thrown when the server answers 400: the request breaks a rule the server checks (the problem
 * document says which).
 */
public final class BadRequestException extends EcdpServiceException {

  private static final long serialVersionUID = 1L;

  BadRequestException(ErrorContext context) {
    super(context);
  }
}
