package io.ecdp.customers.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.SanitizableData;

/** What {@link ApiKeySanitizingFunction} masks, and what it leaves. */
class ApiKeySanitizingFunctionTest {

  private static final String KEY = "k3y-to-mask-1a2b";
  private final ApiKeySanitizingFunction function =
      new ApiKeySanitizingFunction(() -> java.util.List.of("sandbox-key", KEY));

  @Test
  void propertiesNamedLikeTheKey_areMaskedWhateverTheirValue() {
    for (String name :
        new String[] {"ecdp.customers.api-key", "ECDP_CUSTOMERS_API_KEY", "apiKey", "api-key"}) {
      assertThat(function.apply(new SanitizableData(null, name, "anything")).getValue())
          .as(name)
          .isEqualTo(SanitizableData.SANITIZED_VALUE);
    }
  }

  @Test
  void anyValueHoldingTheKey_isMasked() {
    assertThat(function.apply(new SanitizableData(null, "VAULT_ECDP", KEY)).getValue())
        .isEqualTo(SanitizableData.SANITIZED_VALUE);
    assertThat(
            function
                .apply(
                    new SanitizableData(
                        null, "sun.java.command", "app.jar --ecdp.customers.api-key=" + KEY))
                .getValue())
        .isEqualTo(SanitizableData.SANITIZED_VALUE);
  }

  @Test
  void otherProperties_areLeftAsTheyAre() {
    assertThat(
            function
                .apply(new SanitizableData(null, "ecdp.customers.base-uri", "https://x"))
                .getValue())
        .isEqualTo("https://x");
    assertThat(
            new ApiKeySanitizingFunction(java.util.List::of)
                .apply(new SanitizableData(null, "server.port", "8080"))
                .getValue())
        .isEqualTo("8080");
  }
}
