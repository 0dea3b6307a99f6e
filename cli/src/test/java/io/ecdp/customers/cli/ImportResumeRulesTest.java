package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.model.CustomerDetails;
import io.ecdp.customers.sandbox.CustomersSandbox;
import io.ecdp.customers.sandbox.SandboxExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What {@code --resume} does in each case, and what an import reports when refused. */
@ExtendWith(SandboxExtension.class)
class ImportResumeRulesTest {

  @TempDir Path dir;

  private Cli.Result importFile(
      CustomersSandbox sandbox, String key, Path file, String mode, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--output",
                "json",
                "--base-url",
                sandbox.uri().toString(),
                "customers",
                "import",
                file.toString(),
                "--mode",
                mode,
                "--match-by",
                "Email",
                "--progress",
                "none",
                "--rejects",
                dir.resolve("rejects.ndjson").toString(),
                "--checkpoint",
                dir.resolve("checkpoint.ndjson").toString()));
    args.addAll(List.of(more));
    for (String[] option : new String[][] {{"--batch-size", "4"}, {"--concurrency", "2"}}) {
      if (!args.contains(option[0])) {
        args.addAll(List.of(option));
      }
    }
    return Cli.run(Map.of("ECDP_API_KEY", key), args.toArray(String[]::new));
  }

  private Path csv(int rows, int badEvery) throws IOException {
    StringBuilder b = new StringBuilder("email,firstName\n");
    for (int i = 0; i < rows; i++) {
      b.append(badEvery > 0 && i % badEvery == 0 ? "bad" + i : "r" + i + "@example.com")
          .append(",Name")
          .append(i)
          .append('\n');
    }
    Path csv = dir.resolve("rows.csv");
    Files.writeString(csv, b, StandardCharsets.UTF_8);
    return csv;
  }

  @Test
  void resume_afterACompleteImport_saysSo_andChangesNothing(CustomersSandbox sandbox)
      throws IOException {
    Path csv = csv(20, 5);
    Cli.Result first = importFile(sandbox, sandbox.apiKey(), csv, "Add");
    assertThat(first.exitCode()).as(first.out()).isEqualTo(ExitCode.INPUT_REJECTED);
    List<String> rejects = Files.readAllLines(dir.resolve("rejects.ndjson"));
    assertThat(rejects).hasSize(4);
    byte[] checkpoint = Files.readAllBytes(dir.resolve("checkpoint.ndjson"));
    long modifications = sandbox.store().modifications();

    for (int run = 0; run < 2; run++) {
      Cli.Result again = importFile(sandbox, sandbox.apiKey(), csv, "Add", "--resume");
      assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
      assertThat(again.out()).contains("\"nothingToResume\":true", "\"read\":20");
    }
    assertThat(sandbox.store().modifications()).as("nothing sent").isEqualTo(modifications);
    assertThat(Files.readAllLines(dir.resolve("rejects.ndjson")))
        .as("no row rejected twice")
        .isEqualTo(rejects);
    assertThat(Files.readAllBytes(dir.resolve("checkpoint.ndjson"))).isEqualTo(checkpoint);

    Cli.Result anew = importFile(sandbox, sandbox.apiKey(), csv, "AddOrUpdate");
    assertThat(anew.exitCode())
        .as("without --resume, a finished file is imported again")
        .isEqualTo(4);
    assertThat(anew.out()).contains("\"accepted\":16", "\"rejected\":4");
  }

  @Test
  void resume_withNoCheckpoint_isRefused_andSendsNothing(CustomersSandbox sandbox)
      throws IOException {
    Cli.Result r = importFile(sandbox, sandbox.apiKey(), csv(8, 0), "Add", "--resume");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.out()).contains("nothing to resume", "run it without --resume");
    assertThat(sandbox.store().size()).isZero();
  }

  @Test
  void resume_withAnotherModeOrAChangedFile_isRefused(CustomersSandbox sandbox) throws IOException {
    Path csv = csv(8, 0);
    Path checkpoint = dir.resolve("checkpoint.ndjson");
    Checkpoint.Header header =
        new Checkpoint.Header(
            Files.size(csv), Files.getLastModifiedTime(csv).toMillis(), "Add", "Email", 4, null);
    try (Checkpoint c = Checkpoint.open(checkpoint, true)) {
      c.header(header);
      c.result(0, 4, 2, 5, 4, 0, null, -1, List.of());
    }
    Cli.Result otherMode = importFile(sandbox, sandbox.apiKey(), csv, "AddOrUpdate", "--resume");
    assertThat(otherMode.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(otherMode.out()).contains("used --mode Add --match-by Email");

    Files.setLastModifiedTime(csv, FileTime.fromMillis(header.modified() + 60_000));
    Cli.Result changed = importFile(sandbox, sandbox.apiKey(), csv, "Add", "--resume");
    assertThat(changed.exitCode()).isEqualTo(ExitCode.INPUT_REJECTED);
    assertThat(changed.out()).contains("changed since the interrupted import", "--restart");
    assertThat(sandbox.store().size()).as("nothing sent").isZero();
  }

  @Test
  void resume_withAnotherBatchSize_usesTheRecordedOne(CustomersSandbox sandbox) throws IOException {
    Path csv = csv(8, 0);
    try (Checkpoint c = Checkpoint.open(dir.resolve("checkpoint.ndjson"), true)) {
      c.header(
          new Checkpoint.Header(
              Files.size(csv), Files.getLastModifiedTime(csv).toMillis(), "Add", "Email", 4, null));
      c.result(0, 4, 2, 5, 4, 0, null, -1, List.of()); // rows 0-3 stored by the interrupted run
    }
    Cli.Result r =
        importFile(sandbox, sandbox.apiKey(), csv, "Add", "--resume", "--batch-size", "3");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.err()).contains("resuming with --batch-size 4");
    assertThat(r.out()).contains("\"skippedAlreadyImported\":4", "\"accepted\":4");
    assertThat(sandbox.store().find(CustomerKey.email("r0@example.com"))).isEmpty();
    assertThat(sandbox.store().find(CustomerKey.email("r4@example.com"))).isPresent();
  }

  @Test
  void addResume_reconcilesInDoubtRecordsTheServiceHoldsAsSent_andRejectsTheOthers(
      CustomersSandbox sandbox) throws IOException {
    Path csv = csv(8, 0);
    // The interrupted run sent batch 0 (rows r0-r3) and was killed before recording its result:
    // the service stored r0-r2 as sent; r3 exists with other values (someone else's customer).
    for (int i = 0; i < 3; i++) {
      sandbox
          .store()
          .put(
              0,
              CustomerDetails.builder()
                  .email("r" + i + "@example.com")
                  .firstName("Name" + i)
                  .build(),
              null);
    }
    sandbox
        .store()
        .put(0, CustomerDetails.builder().email("r3@example.com").firstName("Other").build(), null);
    try (Checkpoint c = Checkpoint.open(dir.resolve("checkpoint.ndjson"), true)) {
      c.header(
          new Checkpoint.Header(
              Files.size(csv), Files.getLastModifiedTime(csv).toMillis(), "Add", "Email", 4, null));
      c.sending(0);
    }
    Cli.Result r = importFile(sandbox, sandbox.apiKey(), csv, "Add", "--resume");
    assertThat(r.exitCode()).as(r.out()).isEqualTo(ExitCode.INPUT_REJECTED);
    assertThat(r.out()).contains("\"accepted\":7", "\"reconciled\":3", "\"rejected\":1");
    assertThat(Files.readAllLines(dir.resolve("rejects.ndjson")))
        .singleElement()
        .asString()
        .contains("\"line\":5", "already exists");
    assertThat(sandbox.store().size()).isEqualTo(8);
  }

  @Test
  void rejects_areWrittenInLineOrder_whateverOrderTheBatchesFinishIn(CustomersSandbox sandbox)
      throws IOException {
    Path csv = csv(400, 3); // every third row bad, 100 batches of 4 on 8 workers
    Cli.Result r =
        importFile(
            sandbox, sandbox.apiKey(), csv, "Add", "--concurrency", "8", "--batch-size", "4");
    assertThat(r.exitCode()).as(r.out()).isEqualTo(ExitCode.INPUT_REJECTED);
    List<Long> lines = new ArrayList<>();
    for (String l : Files.readAllLines(dir.resolve("rejects.ndjson"))) {
      lines.add(Long.parseLong(l.replaceAll(".*\"line\":(\\d+).*", "$1")));
    }
    assertThat(lines).hasSize(134).isSorted();
  }

  @Test
  void resume_writesTheRejectsAKillKeptFromTheRejectsFile_once(CustomersSandbox sandbox)
      throws IOException {
    Path csv = csv(8, 4); // rows 0 and 4 (lines 2 and 6) are bad
    String reject = "{\"file\":\"" + csv + "\",\"line\":2,\"reason\":\"not an e-mail address\"}";
    try (Checkpoint c = Checkpoint.open(dir.resolve("checkpoint.ndjson"), true)) {
      c.header(
          new Checkpoint.Header(
              Files.size(csv), Files.getLastModifiedTime(csv).toMillis(), "Add", "Email", 4, null));
      c.sending(0);
      c.result(0, 4, 2, 5, 3, 1, null, -1, List.of(reject)); // killed before the rejects file
    }
    Cli.Result r = importFile(sandbox, sandbox.apiKey(), csv, "Add", "--resume");
    assertThat(r.exitCode()).as(r.out()).isEqualTo(ExitCode.INPUT_REJECTED);
    List<String> rejects = Files.readAllLines(dir.resolve("rejects.ndjson"));
    assertThat(rejects).hasSize(2);
    assertThat(rejects.get(0)).isEqualTo(reject);
    assertThat(rejects.get(1)).contains("\"line\":6");
  }

  @Test
  void refusedKey_countsTheRowsTheServerReceivedAsSent(CustomersSandbox sandbox)
      throws IOException {
    Cli.Result r = importFile(sandbox, "not-the-key", csv(8, 0), "Add", "--concurrency", "1");
    assertThat(r.exitCode()).isEqualTo(ExitCode.AUTH);
    assertThat(r.out()).contains("\"sent\":4", "\"accepted\":0");
  }
}
