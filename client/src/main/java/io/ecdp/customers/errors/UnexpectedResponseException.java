package io.ecdp.customers.errors;

import io.ecdp.customers.internal.ErrorContext;

/**
 * Thrown when the server answers in a way the spec does not document: a status it does not list, or
 * a success whose body is not the documented JSON.
 */
public final class UnexpectedResponseException extends EcdpServiceException {

  private static final long serialVersionUID = 1L;

  UnexpectedResponseException(ErrorContext context) {
    super(context);
  }
}
