package io.ecdp.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecdp.customers.internal.ClientVersion;
import io.ecdp.customers.internal.http.jersey.JerseyCompatibility;
import org.junit.jupiter.api.Test;

class JerseyCompatibilityTest {

  @Test
  void supportedLines_areJersey31And40() {
    assertThat(JerseyCompatibility.isSupported("3.1.11")).isTrue();
    assertThat(JerseyCompatibility.isSupported("4.0.2")).isTrue();
    assertThat(JerseyCompatibility.isSupported("4.0.0-M1")).isTrue();
    assertThat(JerseyCompatibility.isSupported("3.0.16")).isFalse();
    assertThat(JerseyCompatibility.isSupported("2.47")).isFalse();
    assertThat(JerseyCompatibility.isSupported("4.1.0")).isFalse();
    assertThat(JerseyCompatibility.isSupported("garbage")).isFalse();
    assertThat(JerseyCompatibility.isSupported(null)).isFalse();
  }

  @Test
  void unsupportedJersey_namesTheVersionFoundAndTheOnesNeeded() {
    assertThatThrownBy(() -> JerseyCompatibility.check("3.0.16"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("found Jersey 3.0.16")
        .hasMessageContaining("needs Jersey 3.1.x or 4.0.x");
  }

  @Test
  void theJerseyThisBuildUses_passes() {
    JerseyCompatibility.check();
    assertThat(org.glassfish.jersey.internal.Version.getVersion()).startsWith("4.0.");
  }

  @Test
  void clientVersion_isTheBuildsVersion() {
    assertThat(ClientVersion.get()).isEqualTo(System.getProperty("ecdp.project.version"));
  }
}
