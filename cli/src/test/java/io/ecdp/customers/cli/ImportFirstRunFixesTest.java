package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.sandbox.CustomersSandbox;
import io.ecdp.customers.sandbox.SandboxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user found on a first import: "1 rows read", an empty rejects file left behind, a CSV
 * error with an unexplained number, the help pointed at for a missing key, a directory called "no
 * such file".
 */
@ExtendWith(SandboxExtension.class)
class ImportFirstRunFixesTest {

  @TempDir Path dir;

  private Path rejects() {
    return dir.resolve("rejects.ndjson");
  }

  private Cli.Result importFile(CustomersSandbox sandbox, Path file, String... more) {
    return importWithCheckpoint(sandbox, file, "checkpoint.ndjson", more);
  }

  private Cli.Result importWithCheckpoint(
      CustomersSandbox sandbox, Path file, String checkpoint, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--base-url",
                sandbox.uri().toString(),
                "customers",
                "import",
                file.toString(),
                "--mode",
                "AddOrUpdate",
                "--match-by",
                "Email",
                "--progress",
                "none",
                "--rejects",
                rejects().toString(),
                "--checkpoint",
                dir.resolve(checkpoint).toString()));
    args.addAll(List.of(more));
    return Cli.run(Map.of("ECDP_API_KEY", sandbox.apiKey()), args.toArray(String[]::new));
  }

  @Test
  void oneRow_isOneRowRead_alsoWhenThereIsNothingToResume(CustomersSandbox sandbox)
      throws IOException {
    Path csv = Files.writeString(dir.resolve("one.csv"), "email\nonly@example.com\n");
    Cli.Result r = importFile(sandbox, csv);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    assertThat(r.out()).contains("Imported " + csv + ": 1 row read, 1 sent").doesNotContain("rows");
    Cli.Result again = importFile(sandbox, csv, "--resume");
    assertThat(again.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(again.out()).contains("(1 row read, 1 accepted").doesNotContain("1 rows");
  }

  @Test
  void aCleanImport_leavesNoRejectsFile_oneWithARejectWritesIt_ownerOnly(CustomersSandbox sandbox)
      throws IOException {
    Path clean = Files.writeString(dir.resolve("clean.csv"), "email\na@example.com\n");
    assertThat(importFile(sandbox, clean).exitCode()).isEqualTo(ExitCode.OK);
    assertThat(rejects()).doesNotExist();

    Path bad = Files.writeString(dir.resolve("bad.csv"), "email\nb@example.com\nnot-an-email\n");
    Cli.Result r = importWithCheckpoint(sandbox, bad, "bad.cp");
    assertThat(r.exitCode()).isEqualTo(ExitCode.INPUT_REJECTED);
    assertThat(Files.readAllLines(rejects())).singleElement().asString().contains("\"line\":3");
    if (OwnerOnly.supported()) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(rejects())))
          .isEqualTo("rw-------");
    }

    // A clean import again (anew): the earlier import's rejects are not left as this one's.
    Cli.Result cleanAgain = importWithCheckpoint(sandbox, clean, "again.cp");
    assertThat(cleanAgain.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(rejects()).doesNotExist();
    assertThat(cleanAgain.out()).doesNotContain("Each rejected row");
  }

  @Test
  void missingKey_isItsOneLine_withItsExitCode_andNoPointerToTheHelp() throws IOException {
    String csv = Files.writeString(dir.resolve("k.csv"), "email\na@example.com\n").toString();
    for (String[] args :
        List.of(
            new String[] {"customers", "get", "--email", "a@example.com"},
            new String[] {"customers", "delete", "--email", "a@example.com"},
            new String[] {
              "customers", "import", csv, "--mode", "AddOrUpdate", "--match-by", "Email"
            })) {
      Cli.Result r = Cli.run(Map.of(), args);
      assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCode.USAGE);
      assertThat(r.err().lines())
          .as(String.join(" ", args))
          .containsExactly(
              "ecdp: set the API key in the environment variable ECDP_API_KEY (or use --sandbox)");
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void aQuoteInsideAnUnquotedField_saysWhichFieldAndHowToWriteIt(CustomersSandbox sandbox)
      throws IOException {
    Path csv =
        Files.writeString(dir.resolve("quote.csv"), "email,firstName\na@example.com,Jo\"e\n");
    Cli.Result r = importFile(sandbox, csv);
    assertThat(r.exitCode()).isEqualTo(ExitCode.INPUT_REJECTED);
    assertThat(Files.readAllLines(rejects()))
        .singleElement()
        .asString()
        .contains("a quote inside an unquoted field (field 2 of the row)")
        .contains("quote the whole field and double the quote");
  }

  @Test
  void aDirectory_isCalledADirectory_notAMissingFile(CustomersSandbox sandbox) {
    Cli.Result r = importFile(sandbox, dir);
    assertThat(r.exitCode()).isEqualTo(ExitCode.INPUT_REJECTED);
    assertThat(r.err()).contains("is a directory").doesNotContain("no such file");
  }

  /** Whether the file system has POSIX permissions. */
  static final class OwnerOnly {
    static boolean supported() {
      return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
  }
}
