package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.sandbox.CustomersSandbox;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code --sandbox} state against careless use, with real processes: a state of 50,000
 * customers saved and used again; two commands on one state at once; a corrupt state file; and a
 * resume into a state that lost what the checkpoint says was stored.
 */
class SandboxStateIT {

  @TempDir Path dir;

  private Path csv(String name, String prefix, int rows) throws Exception {
    Path csv = dir.resolve(name);
    try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      w.write("email,firstName\n");
      for (int i = 0; i < rows; i++) {
        w.write(prefix + i + "@example.com,Name" + i + "\n");
      }
    }
    return csv;
  }

  private Process start(String log, String... args) throws Exception {
    return CliProcess.builder("256m", dir, dir.resolve(log), args).start();
  }

  private record Ended(int code, String out) {}

  private Ended run(String log, String... args) throws Exception {
    Process p = start(log, args);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("%s ended", log).isTrue();
    return new Ended(p.exitValue(), Files.readString(dir.resolve(log)));
  }

  private static String[] importArgs(String file, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--sandbox",
                "customers",
                "import",
                file,
                "--mode",
                "Add",
                "--match-by",
                "Email",
                "--progress",
                "none"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void aStateOf50000Customers_isSavedAndUsedAgain() throws Exception {
    csv("many.csv", "m", 50_000);
    Ended imported = run("import.log", importArgs("many.csv"));
    assertThat(imported.code()).as(imported.out()).isZero();
    Ended got = run("get.log", "--sandbox", "customers", "get", "--email", "m49999@example.com");
    assertThat(got.code()).as(got.out()).isZero();
    assertThat(got.out()).contains("Name49999");
  }

  @Test
  void twoImportsIntoOneStateAtOnce_oneIsRefused_andNothingIsLost() throws Exception {
    csv("a.csv", "a", 40_000);
    csv("b.csv", "b", 40_000);
    Process a = start("a.log", importArgs("a.csv", "--batch-size", "50"));
    Path checkpoint = dir.resolve(".ecdp/a.csv.checkpoint.ndjson");
    while (a.isAlive() && (!Files.exists(checkpoint) || Files.size(checkpoint) < 500)) {
      Thread.sleep(2); // a holds the state
    }
    assertThat(a.isAlive()).isTrue();
    Ended b = run("b.log", importArgs("b.csv"));
    assertThat(b.code()).as(b.out()).isEqualTo(ExitCode.STATE_IN_USE);
    assertThat(b.out()).contains("sandbox.json", "in use");
    assertThat(dir.resolve(".ecdp/b.csv.checkpoint.ndjson"))
        .as("the refused import started nothing")
        .doesNotExist();
    assertThat(a.waitFor(180, TimeUnit.SECONDS)).isTrue();
    assertThat(a.exitValue()).as(Files.readString(dir.resolve("a.log"))).isZero();

    Ended bAgain = run("b2.log", importArgs("b.csv"));
    assertThat(bAgain.code()).as(bAgain.out()).isZero();
    try (CustomersSandbox s =
        CustomersSandbox.builder().stateFile(dir.resolve(".ecdp/sandbox.json")).start()) {
      assertThat(s.store().size()).as("both imports' customers").isEqualTo(80_000);
    }
  }

  @Test
  void aCorruptState_namesTheFile_saysHowToStartFresh_exit9() throws Exception {
    Path state = Files.createDirectories(dir.resolve(".ecdp")).resolve("sandbox.json");
    for (String content :
        new String[] {"{}", "[{\"id\":1,\"details\":{\"email\":\"x@", "garbage"}) {
      Files.writeString(state, content);
      Ended got = run("get.log", "--sandbox", "customers", "get", "--email", "x@example.com");
      assertThat(got.code()).as(got.out()).isEqualTo(ExitCode.STATE_UNUSABLE);
      assertThat(got.out())
          .contains(state.getFileName().toString())
          .doesNotContain("Exception", "x@");
      assertThat(got.out().lines()).as("one line, no help text").hasSize(1);
    }
  }

  @Test
  void resumeIntoAStateThatLostWhatTheCheckpointRecorded_isRefused_exit9() throws Exception {
    csv("lost.csv", "l", 200_000);
    Process p = start("first.log", importArgs("lost.csv", "--batch-size", "100"));
    Path checkpoint = dir.resolve(".ecdp/lost.csv.checkpoint.ndjson");
    while (p.isAlive() && (!Files.exists(checkpoint) || Files.size(checkpoint) < 3_000)) {
      Thread.sleep(2);
    }
    p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    Path state = dir.resolve(".ecdp/sandbox.json");
    try (var files = Files.list(dir.resolve(".ecdp"))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (f.getFileName().toString().startsWith("sandbox.json")) {
          Files.delete(f); // the state and whatever belongs to it
        }
      }
    }
    assertThat(state).doesNotExist();
    Ended resumed = run("resume.log", importArgs("lost.csv", "--batch-size", "100", "--resume"));
    assertThat(resumed.code()).as(resumed.out()).isEqualTo(ExitCode.STATE_UNUSABLE);
    assertThat(resumed.out()).contains("another sandbox state", "--restart");
  }
}
