package io.ecdp.customers.cli;

import io.ecdp.customers.sandbox.CustomersSandbox;
import io.ecdp.customers.sandbox.SampleCsv;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The run the launcher ({@code bin/ecdp}) makes once, in the background, under {@code
 * -XX:ArchiveClassesAtExit}: every command's usual path, in a temporary directory and against
 * sandboxes, so that the class-data-sharing archive holds the classes of {@code --version}, of
 * help, of {@code get}, {@code delete}, {@code upsert} and {@code import} against the API and with
 * {@code --sandbox}, and of their errors. Prints nothing; not a command (no user runs it).
 */
public final class CdsTraining {

  private CdsTraining() {}

  /** Runs the training; the exit code is 0 unless the training itself broke. */
  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("ecdp-cds-training");
    try {
      train(dir);
    } finally {
      delete(dir);
    }
    // Without waiting for idle threads of the clients and servers it used (the archive is written
    // at exit either way).
    System.exit(0);
  }

  static void train(Path dir) throws IOException {
    Path state = dir.resolve("sandbox.json");
    Path csv = dir.resolve("customers.csv");
    SampleCsv.write(csv, 200);
    Path json = dir.resolve("record.json");
    Files.writeString(
        json,
        "[{\"email\":\"training@example.com\",\"firstName\":\"Ada\"}]",
        StandardCharsets.UTF_8);
    String s = state.toString();
    List<String[]> runs = new ArrayList<>();
    runs.add(new String[] {"--version"});
    runs.add(new String[] {"--help"});
    runs.add(new String[] {"customers", "--help"});
    runs.add(new String[] {"customers", "get", "--help"});
    runs.add(new String[] {"customers", "import", "--help"});
    runs.add(new String[] {"customers", "get"});
    runs.add(new String[] {"customers", "get", "--email", "nobody@example.com"}); // no key
    String[] sandbox = {"--sandbox", "--sandbox-state", s};
    runs.add(
        concat(
            sandbox,
            "customers",
            "import",
            csv.toString(),
            "--mode",
            "AddOrUpdate",
            "--match-by",
            "Email",
            "--rejects",
            dir.resolve("rejects.ndjson").toString(),
            "--checkpoint",
            dir.resolve("checkpoint").toString()));
    runs.add(concat(sandbox, "customers", "get", "--email", "customer1@example.com"));
    runs.add(
        concat(
            sandbox, "--output", "json", "customers", "get", "--email", "customer2@example.com"));
    runs.add(concat(sandbox, "customers", "get", "--email", "nobody@example.com"));
    runs.add(concat(sandbox, "customers", "get", "--crm-id", "CRM-3"));
    runs.add(
        concat(
            sandbox,
            "customers",
            "upsert",
            json.toString(),
            "--mode",
            "Add",
            "--match-by",
            "Email"));
    runs.add(concat(sandbox, "customers", "delete", "--email", "training@example.com"));
    for (String[] run : runs) {
      run(Map.of(), run);
    }
    // Against "the API": a sandbox of its own, reached by --base-url with a key, as a user's
    // ECDP_API_KEY would be.
    try (CustomersSandbox api = CustomersSandbox.builder().start()) {
      Map<String, String> env = Map.of("ECDP_API_KEY", api.apiKey());
      String url = api.uri().toString();
      run(
          env,
          "--base-url",
          url,
          "customers",
          "upsert",
          json.toString(),
          "--mode",
          "AddOrUpdate",
          "--match-by",
          "Email");
      run(env, "--base-url", url, "customers", "get", "--email", "training@example.com");
      run(env, "--base-url", url, "--output", "json", "customers", "get", "--phone", "+48600");
      run(env, "--base-url", url, "customers", "delete", "--email", "training@example.com");
    }
  }

  private static String[] concat(String[] head, String... tail) {
    return Stream.concat(Stream.of(head), Stream.of(tail)).toArray(String[]::new);
  }

  private static void run(Map<String, String> env, String... args) {
    PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
    Ecdp ecdp = new Ecdp(env);
    picocli.CommandLine cmd = Ecdp.commandLine(ecdp);
    cmd.setOut(nowhere);
    cmd.setErr(nowhere);
    try {
      cmd.execute(args);
    } catch (RuntimeException e) {
      // a training run that fails still loaded its classes
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
