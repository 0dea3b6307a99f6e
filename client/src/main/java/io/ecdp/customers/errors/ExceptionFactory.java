package io.ecdp.customers.errors;

import io.ecdp.customers.internal.ErrorContext;
import io.ecdp.customers.internal.Failures;
import java.util.List;
import java.util.Optional;

/** Lets the client's internals create the exceptions, whose constructors are not public. */
final class ExceptionFactory implements Failures.Factory {

  @Override
  public EcdpServiceException answered(ErrorContext context) {
    return switch (context.status()) {
      case 400 -> new BadRequestException(context);
      case 401 -> new UnauthorizedException(context);
      case 403 -> new ForbiddenException(context);
      case 404 -> new NotFoundException(context);
      case 409 -> new ConflictException(context);
      case 429 -> new RateLimitedException(context);
      default ->
          context.status() >= 500 && context.status() < 600
              ? new ServerException(context)
              : new UnexpectedResponseException(context);
    };
  }

  @Override
  public UnexpectedResponseException unexpected(ErrorContext context) {
    return new UnexpectedResponseException(context);
  }

  @Override
  public ConnectionException connection(ErrorContext context, boolean requestSent) {
    return new ConnectionException(context, requestSent);
  }

  @Override
  public RequestTimeoutException timeout(ErrorContext context, boolean requestSent) {
    return new RequestTimeoutException(context, requestSent);
  }

  @Override
  public BrokenResponseException broken(ErrorContext context) {
    return new BrokenResponseException(context, true);
  }

  @Override
  public ValidationException validation(String operation, List<Violation> violations) {
    return new ValidationException(operation, violations);
  }

  @Override
  public Optional<ProblemDetails> problem(String body) {
    return ProblemParser.parse(body);
  }
}
