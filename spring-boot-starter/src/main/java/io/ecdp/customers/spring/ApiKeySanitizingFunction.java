package io.ecdp.customers.spring;

import java.util.Collection;
import java.util.function.Supplier;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the API key in the actuator's {@code /configprops} and {@code /env}, also when they are set
 * to show values: every property named like an API key ({@code ecdp.customers.api-key}, {@code
 * ECDP_CUSTOMERS_API_KEY}, {@code apiKey}), and every value that contains the key in use, whatever
 * its property (one the key was resolved from, such as {@code ${VAULT_ECDP_KEY}}, or a command
 * line). The keys in use are the properties' and the connection details' (a test's sandbox).
 */
final class ApiKeySanitizingFunction implements SanitizingFunction {

  private final Supplier<Collection<String>> keys;

  ApiKeySanitizingFunction(Supplier<Collection<String>> keys) {
    this.keys = keys;
  }

  @Override
  public SanitizableData apply(SanitizableData data) {
    Object value = data.getValue();
    if (value == null) {
      return data;
    }
    String name = data.getLowerCaseKey().replace("_", "").replace("-", "").replace(".", "");
    if (name.equals("apikey") || (name.endsWith("apikey") && name.contains("ecdp"))) {
      return data.withSanitizedValue();
    }
    String text = String.valueOf(value);
    for (String k : keys.get()) {
      if (!k.isBlank() && text.contains(k)) {
        return data.withSanitizedValue();
      }
    }
    return data;
  }

  @Override
  public String toString() {
    return "ApiKeySanitizingFunction";
  }
}
