package io.ecdp.customers.internal;

import io.ecdp.customers.errors.BrokenResponseException;
import io.ecdp.customers.errors.ConnectionException;
import io.ecdp.customers.errors.EcdpException;
import io.ecdp.customers.errors.EcdpServiceException;
import io.ecdp.customers.errors.ProblemDetails;
import io.ecdp.customers.errors.RequestTimeoutException;
import io.ecdp.customers.errors.UnexpectedResponseException;
import io.ecdp.customers.errors.ValidationException;
import io.ecdp.customers.errors.Violation;
import java.util.List;
import java.util.Optional;

/**
 * Creates the client's exceptions and the values they carry, whose constructors are not public.
 *
 * <p>The one place where the exceptions' package reaches the internals: the public types keep their
 * constructors package-private (so that they can grow without a binary break, and so that no user
 * creates one), yet the internals must create them. The exceptions' package registers its {@link
 * Factory} here when {@link EcdpException} is initialized, and {@link #create()} initializes it
 * first when needed: the pattern the JDK uses between its packages ({@code SharedSecrets}). A
 * public factory method would put the constructors in the API; a second module would need a
 * qualified export, which the client's module descriptor does not have.
 */
public final class Failures {

  /** What the exceptions' package offers; implemented there only. */
  public interface Factory {
    /**
     * Returns the exception of a status the server answered with.
     *
     * @param context what the client knew
     * @return the exception of the status's failure class
     */
    EcdpServiceException answered(ErrorContext context);

    /**
     * Returns the exception of an answer the spec does not document.
     *
     * @param context what the client knew
     * @return the exception
     */
    UnexpectedResponseException unexpected(ErrorContext context);

    /**
     * Returns the exception of a connection that failed.
     *
     * @param context what the client knew
     * @param requestSent whether the request may have reached the server
     * @return the exception
     */
    ConnectionException connection(ErrorContext context, boolean requestSent);

    /**
     * Returns the exception of a call that ran out of time.
     *
     * @param context what the client knew
     * @param requestSent whether the request may have reached the server
     * @return the exception
     */
    RequestTimeoutException timeout(ErrorContext context, boolean requestSent);

    /**
     * Returns the exception of a response whose body could not be read.
     *
     * @param context what the client knew
     * @return the exception
     */
    BrokenResponseException broken(ErrorContext context);

    /**
     * Returns the exception of input that breaks the spec's rules.
     *
     * @param operation the operation, such as {@code POST /customers}
     * @param violations the violations, not empty
     * @return the exception
     */
    ValidationException validation(String operation, List<Violation> violations);

    /**
     * Returns the problem document in a body.
     *
     * @param body the body, as text
     * @return the document, or empty when the body is not a JSON object
     */
    Optional<ProblemDetails> problem(String body);
  }

  private static volatile Factory factory;

  private Failures() {}

  /**
   * Registers the factory; only the exceptions' package calls it, once.
   *
   * @param f the factory
   * @throws IllegalStateException if one is registered already
   */
  public static synchronized void register(Factory f) {
    if (factory != null) {
      throw new IllegalStateException("the exception factory is registered already");
    }
    factory = f;
  }

  /**
   * Returns the factory, loading the exceptions' package first if needed.
   *
   * @return the factory
   */
  public static Factory create() {
    Factory f = factory;
    if (f == null) {
      try {
        Class.forName(EcdpException.class.getName(), true, EcdpException.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      f = factory;
    }
    return f;
  }
}
