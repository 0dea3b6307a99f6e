package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.sandbox.CustomersSandbox;
import io.ecdp.customers.sandbox.SandboxStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live verification killed with {@code kill -9} while its customers exist leaves them in the
 * ledger, and {@code ecdp contract cleanup}, a process of its own, deletes every one of them with
 * anonymization: real processes against a real sandbox server.
 */
class ContractKillIT {

  private static final String DOMAIN = "contract-kill.example";

  @TempDir Path dir;

  private static List<SandboxStore.Entry> leftInNamespace(CustomersSandbox sandbox) {
    return sandbox.store().snapshot().stream()
        .filter(e -> !e.anonymized())
        .filter(
            e -> {
              String email = e.details().email();
              return email != null && email.toLowerCase(Locale.ROOT).endsWith("@" + DOMAIN);
            })
        .toList();
  }

  private ProcessBuilder ecdp(CustomersSandbox sandbox, String log, String... args)
      throws Exception {
    ProcessBuilder b = CliProcess.builder("256m", dir, dir.resolve(log), args);
    b.environment().put("ECDP_API_KEY", sandbox.apiKey());
    return b;
  }

  @Test
  void verifyKilledWithCustomersAlive_cleanupDeletesEveryOneWithAnonymization() throws Exception {
    try (CustomersSandbox sandbox = CustomersSandbox.builder().port(0).start()) {
      String[] target = {
        "--base-url",
        sandbox.uri().toString(),
        "--email-domain",
        DOMAIN,
        "--crm-id-prefix",
        "ecdp-kill-",
        "--ledger",
        "ledger.ndjson"
      };
      Process verify =
          ecdp(
                  sandbox,
                  "verify.log",
                  CliProcess.append(
                      new String[] {"contract", "verify", "--report-dir", "reports"}, target))
              .start();
      // Killed as soon as one of its customers is stored: the run is far from its own cleanup.
      for (int i = 0; i < 1200 && leftInNamespace(sandbox).isEmpty() && verify.isAlive(); i++) {
        Thread.sleep(50);
      }
      assertThat(verify.isAlive()).as(Files.readString(dir.resolve("verify.log"))).isTrue();
      verify.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
      assertThat(verify.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(verify.exitValue()).isEqualTo(137);

      List<SandboxStore.Entry> orphans = leftInNamespace(sandbox);
      assertThat(orphans).as("what the killed run left").isNotEmpty();
      Path ledger = dir.resolve("ledger.ndjson");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ledger)))
          .isEqualTo("rw-------");
      for (SandboxStore.Entry orphan : orphans) {
        assertThat(Files.readString(ledger)).contains(orphan.details().email());
      }

      Process cleanup =
          ecdp(
                  sandbox,
                  "cleanup.log",
                  CliProcess.append(new String[] {"contract", "cleanup"}, target))
              .start();
      assertThat(cleanup.waitFor(120, TimeUnit.SECONDS)).isTrue();
      String printed = Files.readString(dir.resolve("cleanup.log"));
      assertThat(cleanup.exitValue()).as(printed).isZero();
      assertThat(leftInNamespace(sandbox)).as(printed).isEmpty();
      // Each orphan is kept anonymized under its ID, as a delete with anonymization does.
      for (SandboxStore.Entry orphan : orphans) {
        assertThat(sandbox.store().snapshot())
            .anySatisfy(
                e -> {
                  assertThat(e.id()).isEqualTo(orphan.id());
                  assertThat(e.anonymized()).isTrue();
                });
      }
      // None of the ledger's personal data appears in what cleanup printed.
      for (SandboxStore.Entry orphan : orphans) {
        assertThat(printed).doesNotContain(orphan.details().email());
      }
    }
  }
}
