package io.ecdp.customers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.io.BufferedReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One sandbox at a time on a state: a second opener, in this JVM or another, is refused. */
class SandboxStateLockTest {

  @TempDir Path dir;

  @Test
  void aSecondSandboxInThisJvm_isRefused_andTheFirstKeepsItsLockAndItsChanges() throws Exception {
    Path state = dir.resolve("sandbox.json");
    try (CustomersSandbox first = CustomersSandbox.builder().stateFile(state).start()) {
      first.store().upsert(UpsertMode.ADD, MatchBy.EMAIL, List.of(StateFixtures.record(1)));
      SandboxStateException e = refused(state);
      assertThat(e.getMessage())
          .contains(state.toAbsolutePath().toString())
          .contains("this process, " + ProcessHandle.current().pid())
          .contains("sandbox.json.lock")
          .contains("Wait for it to stop, or use another state file");
      assertThat(e.file()).isEqualTo(state.toAbsolutePath());

      // The refused opener must not have released the first one's lock on its way out (a
      // process's POSIX locks go with any descriptor of the file it closes).
      Process child = StateFixtures.child("open", state.toString());
      StringBuilder seen = new StringBuilder();
      try (BufferedReader out = StateFixtures.output(child)) {
        String line = StateFixtures.awaitLine(out, "", seen);
        assertThat(line)
            .as(seen.toString())
            .startsWith("IN_USE ")
            .contains("(process " + ProcessHandle.current().pid() + ")");
      }
      assertThat(child.waitFor()).as("it stopped by itself").isZero();
      first.store().upsert(UpsertMode.ADD, MatchBy.EMAIL, List.of(StateFixtures.record(2)));
    }
    try (CustomersSandbox second = CustomersSandbox.builder().stateFile(state).start()) {
      assertThat(second.store().size()).as("nothing lost").isEqualTo(2);
    }
  }

  @Test
  void aSandboxInAnotherProcess_holdsTheState_untilItDies() throws Exception {
    Path state = dir.resolve("sandbox.json");
    Process holder = StateFixtures.child("hold", state.toString());
    try (BufferedReader out = StateFixtures.output(holder)) {
      StringBuilder seen = new StringBuilder();
      String opened = StateFixtures.awaitLine(out, "opened ", seen);
      assertThat(opened).as(seen.toString()).isEqualTo("opened " + holder.pid());

      SandboxStateException e = refused(state);
      assertThat(e.getMessage()).contains("(process " + holder.pid() + ")");
      assertThat(refused(state).reason())
          .as("still held after a refusal")
          .isEqualTo(SandboxStateException.Reason.IN_USE);

      holder.destroyForcibly(); // the operating system releases a dead process's lock
      holder.waitFor();
    }
    try (CustomersSandbox sandbox = CustomersSandbox.builder().stateFile(state).start()) {
      sandbox.store().upsert(UpsertMode.ADD, MatchBy.EMAIL, List.of(StateFixtures.record(1)));
      assertThat(sandbox.store().find(CustomerKey.id(1))).isPresent();
    }
  }

  @Test
  void theLock_isReleasedAtClose_forTheNextSandbox() {
    Path state = dir.resolve("sandbox.json");
    for (int i = 0; i < 3; i++) {
      try (CustomersSandbox sandbox = CustomersSandbox.builder().stateFile(state).start()) {
        sandbox.store().upsert(UpsertMode.ADD, MatchBy.EMAIL, List.of(StateFixtures.record(i)));
      }
    }
    try (CustomersSandbox sandbox = CustomersSandbox.builder().stateFile(state).start()) {
      assertThat(sandbox.store().size()).isEqualTo(3);
    }
  }

  @Test
  void aSandboxThatFailsToStart_releasesTheLock() throws Exception {
    Path state = dir.resolve("sandbox.json");
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
      int port = taken.getLocalPort();
      assertThat(
              catchThrowableOfType(
                  RuntimeException.class,
                  () ->
                      CustomersSandbox.builder()
                          .host("127.0.0.1")
                          .port(port)
                          .stateFile(state)
                          .start()))
          .as("the port is taken")
          .isNotNull()
          .isNotInstanceOf(SandboxStateException.class);
    }
    try (CustomersSandbox sandbox = CustomersSandbox.builder().stateFile(state).start()) {
      assertThat(sandbox.store().size()).isZero();
    }
  }

  private static SandboxStateException refused(Path state) {
    SandboxStateException e =
        catchThrowableOfType(
            SandboxStateException.class, () -> CustomersSandbox.builder().stateFile(state).start());
    assertThat(e).as("refused").isNotNull();
    assertThat(e.reason()).as(e.getMessage()).isEqualTo(SandboxStateException.Reason.IN_USE);
    return e;
  }
}
