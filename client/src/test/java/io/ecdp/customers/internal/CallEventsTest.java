package io.ecdp.customers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.events.CallObserver;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The events of calls before any listener sees them: none made without a listener. */
class CallEventsTest {

  private static final ApiCall<Void> CALL =
      new ApiCall<>(
          "GET", "/customers/id/{id}", "/customers/id/1", Map.of(), null, "", "*/*", Void.class);

  @Test
  void withoutAListener_aCallHasNoTrace() {
    CallEvents events =
        new CallEvents(
            List.of(), URI.create("https://api.ecdp.app"), new Redactor("k"), TimeSource.SYSTEM);
    assertThat(events.start(CALL, -1)).isNull();
  }

  @Test
  void aListenerThatIgnoresTheCall_stillGetsATrace_withNoObserverToTell() {
    CallEvents events =
        new CallEvents(
            List.of(call -> CallObserver.NONE),
            URI.create("https://[::1]"),
            new Redactor("k"),
            TimeSource.SYSTEM);
    assertThat(events.start(CALL, -1)).isNotNull();
  }

  @Test
  void serverAddressAndPort_comeFromTheBaseUri_withTheSchemesDefaultPort() {
    String[] seen = new String[2];
    CallEvents events =
        new CallEvents(
            List.of(
                call -> {
                  seen[0] = call.serverAddress();
                  seen[1] = String.valueOf(call.serverPort());
                  return CallObserver.NONE;
                }),
            URI.create("https://[::1]/base"),
            new Redactor("k"),
            TimeSource.SYSTEM);
    events.start(CALL, -1);
    assertThat(seen).containsExactly("::1", "443");
  }
}
