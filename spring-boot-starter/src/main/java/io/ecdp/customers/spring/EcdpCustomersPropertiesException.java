package io.ecdp.customers.spring;

/**
 * Signals that the {@code ecdp.customers.*} properties cannot make a safe client: the API key is
 * missing or blank, or the base URI would send it unencrypted. {@link EcdpCustomersFailureAnalyzer}
 * turns it into startup's failure report. Its message names the property, never its value.
 */
public final class EcdpCustomersPropertiesException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The property at fault, such as {@code ecdp.customers.api-key}. */
  private final String property;

  /** What to do about it. */
  private final String action;

  /**
   * Creates the exception.
   *
   * @param property the property at fault
   * @param problem what is wrong, without the property's value when it is secret
   * @param action what to do about it
   */
  public EcdpCustomersPropertiesException(String property, String problem, String action) {
    super(problem);
    this.property = property;
    this.action = action;
  }

  /**
   * Returns the property at fault.
   *
   * @return the property's name, such as {@code ecdp.customers.api-key}
   */
  public String property() {
    return property;
  }

  /**
   * Returns what to do about it.
   *
   * @return the fix
   */
  public String action() {
    return action;
  }
}
