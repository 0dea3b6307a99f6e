package io.ecdp.customers.errors;

import io.ecdp.customers.internal.ErrorContext;

/** Thrown when the server answers with a 5xx status, after the retries the policy allows. */
public final class ServerException extends EcdpServiceException {

  private static final long serialVersionUID = 1L;

  ServerException(ErrorContext context) {
    super(context);
  }
}
