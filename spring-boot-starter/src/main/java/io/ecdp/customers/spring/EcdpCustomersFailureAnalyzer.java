package io.ecdp.customers.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link EcdpCustomersPropertiesException} at startup as Spring Boot's "APPLICATION
 * FAILED TO START" block: the property, the problem and the fix, with no stack trace.
 */
public final class EcdpCustomersFailureAnalyzer
    extends AbstractFailureAnalyzer<EcdpCustomersPropertiesException> {

  /** Creates the analyzer (Spring Boot does, from {@code META-INF/spring.factories}). */
  public EcdpCustomersFailureAnalyzer() {}

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, EcdpCustomersPropertiesException cause) {
    return new FailureAnalysis(
        "The ExpertSender CDP Customers client cannot be configured: "
            + cause.getMessage()
            + "\n\n    Property: "
            + cause.property(),
        cause.action(),
        cause);
  }
}
