package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unpacks the runnable distribution ({@code ecdp-VERSION/bin/ecdp} and {@code lib/}) as a person
 * without Maven would, and runs it: by its script, with only a {@code java} on the PATH.
 */
class DistributionIT {

  @TempDir static Path unpacked;
  static Path home;

  @BeforeAll
  static void unpack() throws Exception {
    Path archive = Path.of(System.getProperty("ecdp.cli.distribution"));
    assertThat(archive).isRegularFile();
    Process tar =
        new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", unpacked.toString())
            .inheritIO()
            .start();
    assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(tar.exitValue()).isZero();
    home = unpacked.resolve("ecdp-" + System.getProperty("ecdp.version"));
  }

  @Test
  void archive_holdsScriptLibrariesAndLicence() throws IOException {
    Path script = home.resolve("bin/ecdp");
    assertThat(Files.getPosixFilePermissions(script)).contains(PosixFilePermission.OWNER_EXECUTE);
    assertThat(home.resolve("LICENSE")).isRegularFile();
    try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
      List<String> jars = lib.map(p -> p.getFileName().toString()).sorted().toList();
      assertThat(jars)
          .anyMatch(j -> j.startsWith("ecdp-customers-cli-"))
          .anyMatch(j -> j.startsWith("ecdp-customers-client-"))
          .anyMatch(j -> j.startsWith("ecdp-customers-sandbox-"))
          .anyMatch(j -> j.startsWith("picocli-"))
          .allMatch(j -> j.endsWith(".jar"));
    }
  }

  @Test
  void version_printsTheReleasedVersion() throws Exception {
    Run r = run(unpacked, "--version");
    assertThat(r.exit).as(r.output).isZero();
    assertThat(r.output).startsWith("ecdp " + System.getProperty("ecdp.version") + " (Java ");
  }

  @Test
  void sandboxImportThenGet_findsTheCustomer() throws Exception {
    Path work = Files.createDirectories(unpacked.resolve("work"));
    Files.writeString(
        work.resolve("one.csv"),
        "email,firstName,lastName\nzofia.dist@example.com,Zofia,Distribution\n",
        StandardCharsets.UTF_8);
    Run imported =
        run(
            work,
            "--sandbox",
            "customers",
            "import",
            "one.csv",
            "--mode",
            "AddOrUpdate",
            "--match-by",
            "Email");
    assertThat(imported.exit).as(imported.output).isZero();

    Run got =
        run(
            work,
            "--sandbox",
            "--output",
            "json",
            "customers",
            "get",
            "--email",
            "zofia.dist@example.com");
    assertThat(got.exit).as(got.output).isZero();
    assertThat(got.output).contains("\"firstName\"").contains("Zofia").contains("Distribution");
    assertThat(work.resolve(".ecdp/sandbox.json")).isRegularFile();

    Run missing = run(work, "--sandbox", "customers", "get", "--email", "nobody.dist@example.com");
    assertThat(missing.exit).as(missing.output).isEqualTo(3);
  }

  record Run(int exit, String output) {}

  private static Run run(Path workDir, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/ecdp").toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile(unpacked, "run", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile());
    // Only a java on the PATH, as on a machine without Maven.
    pb.environment().remove("JAVA_HOME");
    pb.environment().remove("ECDP_API_KEY");
    Path javaBin = Path.of(System.getProperty("java.home"), "bin");
    pb.environment().put("PATH", javaBin + ":/usr/bin:/bin");
    // The launcher's class-data-sharing archive (LauncherCdsIT) goes to the build's directory,
    // not the user's cache, and outlives the temporary directory its training may still write to.
    pb.environment()
        .put("XDG_CACHE_HOME", Path.of(System.getProperty("ecdp.target"), "cds-cache").toString());
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("bin/ecdp did not finish: " + String.join(" ", args));
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }
}
