package io.ecdp.customers.micrometer;

import io.ecdp.customers.micrometer.EcdpCustomersObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValue;
import java.util.Optional;
import java.util.OptionalInt;

/** The values of the keys calls and attempts share, from what the client's events tell. */
final class Keys {

  static final String NONE = "none";
  static final String NO_ANSWER = "CLIENT_ERROR";

  private Keys() {}

  static KeyValue status(OptionalInt status) {
    return LowCardinalityKeyNames.STATUS.withValue(
        status.isPresent() ? Integer.toString(status.getAsInt()) : NO_ANSWER);
  }

  static KeyValue outcome(OptionalInt status, Optional<? extends Class<?>> failure) {
    return LowCardinalityKeyNames.OUTCOME.withValue(outcomeOf(status, failure));
  }

  private static String outcomeOf(OptionalInt status, Optional<? extends Class<?>> failure) {
    if (status.isEmpty()) {
      return "UNKNOWN";
    }
    if (failure.isEmpty()) {
      // The caller got its answer: a 2xx, or the 404 that means "no such customer".
      return "SUCCESS";
    }
    int code = status.getAsInt();
    if (code >= 400 && code < 500) {
      return "CLIENT_ERROR";
    }
    if (code >= 500 && code < 600) {
      return "SERVER_ERROR";
    }
    return "UNKNOWN";
  }

  static KeyValue exception(Optional<? extends Class<?>> failure) {
    return LowCardinalityKeyNames.EXCEPTION.withValue(failure.map(Keys::simpleName).orElse(NONE));
  }

  static String simpleName(Class<?> type) {
    String simple = type.getSimpleName();
    return simple.isEmpty() ? type.getName() : simple;
  }
}
