package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.sandbox.CustomersSandbox;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every error path {@code cli/README.md} documents ("What leads to each exit code"), run: the exit
 * code and the words the README says it prints. The README's list and this test's list are the
 * same, so a path documented without a test, or tested without being documented, fails.
 *
 * <p>Two codes are not run here: 1 (a bug has no path to run) and 130 (a real SIGINT: {@code
 * ImportInterruptIT}).
 */
class ExitPathsTest {

  private static final Pattern ROW = Pattern.compile("(?m)^\\| (\\d+) \\| `([^`]+)` \\| .+ \\|$");

  @TempDir static Path dir;

  /** One documented path: what the user runs, in a fresh folder. */
  @FunctionalInterface
  interface Scenario {
    Cli.Result run(Path dir) throws Exception;
  }

  private static final Map<String, Scenario> PATHS = new LinkedHashMap<>();
  private static final Map<String, Integer> CODES = new LinkedHashMap<>();

  private static void path(int code, String says, Scenario scenario) {
    PATHS.put(says, scenario);
    CODES.put(says, code);
  }

  static {
    path(2, "set the API key", d -> Cli.run(Map.of(), "customers", "get", "--id", "1"));
    path(2, "did you mean 'get'?", d -> Cli.run(Map.of(), "customers", "gte"));
    path(
        2,
        "Invalid value for option '--output'",
        d -> Cli.run(Map.of(), "--output", "yaml", "customers", "get", "--id", "1"));
    path(
        2,
        "--base-url: plain http to example.com",
        d ->
            Cli.run(
                Map.of("ECDP_API_KEY", "k"),
                "--base-url",
                "http://example.com",
                "customers",
                "get",
                "--id",
                "1"));
    path(2, "no such file", d -> sandboxImport(d, "missing.csv", "Add"));
    path(
        2,
        "was interrupted",
        d -> {
          Path csv = csv(d, "a@example.com");
          Files.writeString(d.resolve(".ecdp/rows.csv.checkpoint.ndjson"), "{\"sending\":0}\n");
          return sandboxImport(d, csv.toString(), "Add");
        });
    path(
        2,
        "nothing to resume: no import",
        d -> sandboxImport(d, csv(d, "a@example.com").toString(), "Add", "--resume"));
    path(
        2,
        "the interrupted import used --mode Add",
        d -> {
          Path csv = csv(d, "a@example.com");
          interrupted(d, Files.size(csv), Files.getLastModifiedTime(csv).toMillis(), null);
          return sandboxImport(d, csv.toString(), "AddOrUpdate", "--resume");
        });
    path(
        2,
        "is not a loopback address",
        d -> Cli.run(Map.of(), "sandbox", "serve", "--host", "0.0.0.0", "--port", "0"));
    path(
        2,
        "must have at least 16 characters, not 5",
        d ->
            Cli.run(
                Map.of("ECDP_SANDBOX_API_KEY", "short"),
                "sandbox",
                "serve",
                "--host",
                "0.0.0.0",
                "--port",
                "0"));
    path(
        2,
        "the port is in use",
        d -> {
          try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return Cli.run(
                Map.of(),
                "sandbox",
                "serve",
                "--port",
                String.valueOf(taken.getLocalPort()),
                "--state",
                d.resolve("s.json").toString());
          }
        });
    path(3, "No customer with e-mail a***@example.com", d -> against(d, 0, "get"));
    path(
        4,
        "not sent: the input breaks the API's rules",
        d -> {
          Path json = d.resolve("bad.json");
          Files.writeString(json, "[{\"email\":\"a@example.com\",\"phone\":\"1 2\"}]");
          return Cli.run(
              Map.of(),
              "--sandbox",
              "--sandbox-state",
              d.resolve("s.json").toString(),
              "customers",
              "upsert",
              "--mode",
              "Add",
              "--match-by",
              "Email",
              json.toString());
        });
    path(4, "400 Bad Request", d -> against(d, 400, "upsert"));
    path(
        4,
        "Rejected rows by field and rule",
        d -> sandboxImport(d, csv(d, "not-an-email").toString(), "Add"));
    path(
        4,
        "unknown column",
        d -> {
          Path csv = d.resolve("cols.csv");
          Files.writeString(csv, "email,fullName\na@example.com,A\n");
          return sandboxImport(d, csv.toString(), "Add");
        });
    path(
        4,
        "is a directory, not a CSV or NDJSON file",
        d -> sandboxImport(d, Files.createDirectories(d.resolve("folder")).toString(), "Add"));
    path(
        4,
        "missing.json does not exist",
        d ->
            Cli.run(
                Map.of(),
                "--sandbox",
                "--sandbox-state",
                d.resolve("s.json").toString(),
                "customers",
                "upsert",
                "--mode",
                "Add",
                "--match-by",
                "Email",
                "missing.json"));
    path(
        4,
        "the file changed since the interrupted import",
        d -> {
          Path csv = csv(d, "a@example.com");
          interrupted(d, 1, 0, null);
          return sandboxImport(d, csv.toString(), "Add", "--resume");
        });
    path(5, "401 Unauthorized", d -> against(d, 401, "get"));
    path(5, "403 Forbidden", d -> against(d, 403, "delete"));
    path(
        6,
        "could not connect to 127.0.0.1:",
        d -> {
          int port;
          try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
          }
          return Cli.run(
              Map.of("ECDP_API_KEY", "k"),
              "--base-url",
              "http://127.0.0.1:" + port,
              "customers",
              "get",
              "--id",
              "1");
        });
    path(6, "500 Internal Server Error", d -> against(d, 500, "get"));
    path(7, "409 Conflict", d -> against(d, 409, "get"));
    path(8, "418", d -> against(d, 418, "get"));
    path(
        9,
        "cannot be read: line 1",
        d -> {
          Files.writeString(d.resolve(".ecdp/sandbox.json"), "{}");
          return sandboxGet(d);
        });
    path(
        9,
        "another sandbox state than the one there now",
        d -> {
          Path csv = csv(d, "a@example.com");
          interrupted(
              d,
              Files.size(csv),
              Files.getLastModifiedTime(csv).toMillis(),
              "a-state-since-deleted");
          return sandboxImport(d, csv.toString(), "Add", "--resume");
        });
    path(
        10,
        "is in use by another sandbox",
        d -> {
          CustomersSandbox holder =
              CustomersSandbox.builder().stateFile(d.resolve(".ecdp/sandbox.json")).start();
          try (holder) {
            return sandboxGet(d);
          }
        });
  }

  static Stream<Arguments> paths() {
    return PATHS.keySet().stream().map(says -> Arguments.of(CODES.get(says), says));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("paths")
  void everyDocumentedPath_exitsWithItsCode_andSaysWhatTheReadmeSays(int code, String says)
      throws Exception {
    Path folder = Files.createTempDirectory(dir, "path");
    Files.createDirectories(folder.resolve(".ecdp"));
    Cli.Result r = PATHS.get(says).run(folder);
    assertThat(r.out() + r.err()).as("exit %d", r.exitCode()).contains(says);
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(code);
  }

  @Test
  void theReadmeDocuments_exactlyThePathsThisTestRuns() throws IOException {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    Map<String, Integer> documented = new LinkedHashMap<>();
    Matcher m = ROW.matcher(readme);
    while (m.find()) {
      documented.put(m.group(2), Integer.parseInt(m.group(1)));
    }
    assertThat(documented).isEqualTo(CODES);
  }

  // ------------------------------------------------------------------ helpers

  private static Path csv(Path d, String email) throws IOException {
    Path csv = d.resolve("rows.csv");
    Files.writeString(csv, "email\n" + email + "\n");
    return csv;
  }

  /** The checkpoint of an interrupted {@code Add} import of a file of this size and time. */
  private static void interrupted(Path d, long size, long modified, String stateId)
      throws IOException {
    try (Checkpoint c = Checkpoint.open(d.resolve(".ecdp/rows.csv.checkpoint.ndjson"), true)) {
      c.header(new Checkpoint.Header(size, modified, "Add", "Email", 500, stateId));
    }
  }

  private static Cli.Result sandboxGet(Path d) {
    return Cli.run(
        Map.of(),
        "--sandbox",
        "--sandbox-state",
        d.resolve(".ecdp/sandbox.json").toString(),
        "customers",
        "get",
        "--email",
        "a@example.com");
  }

  private static Cli.Result sandboxImport(Path d, String file, String mode, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--sandbox",
                "--sandbox-state",
                d.resolve(".ecdp/sandbox.json").toString(),
                "customers",
                "import",
                file,
                "--mode",
                mode,
                "--match-by",
                "Email",
                "--progress",
                "none",
                "--checkpoint",
                d.resolve(".ecdp/rows.csv.checkpoint.ndjson").toString(),
                "--rejects",
                d.resolve(".ecdp/rows.csv.rejects.ndjson").toString()));
    args.addAll(List.of(more));
    return Cli.run(Map.of(), args.toArray(String[]::new));
  }

  /**
   * Runs {@code get}, {@code delete} or {@code upsert} against a sandbox that answers {@code
   * status} to every call (0: the sandbox as it is).
   */
  private static Cli.Result against(Path d, int status, String command) throws IOException {
    CustomersSandbox.Builder b = CustomersSandbox.builder();
    if (status > 0) {
      b.register(new Answer(status));
    }
    try (CustomersSandbox sandbox = b.start()) {
      List<String> args = new ArrayList<>(List.of("--base-url", sandbox.uri().toString()));
      switch (command) {
        case "upsert" -> {
          Path json = d.resolve("one.json");
          Files.writeString(json, "[{\"email\":\"a@example.com\"}]");
          args.addAll(
              List.of(
                  "customers", "upsert", "--mode", "Add", "--match-by", "Email", json.toString()));
        }
        case "delete" -> args.addAll(List.of("customers", "delete", "--email", "a@example.com"));
        default -> args.addAll(List.of("customers", "get", "--email", "a@example.com"));
      }
      return Cli.run(Map.of("ECDP_API_KEY", sandbox.apiKey()), args.toArray(String[]::new));
    }
  }

  /** Answers every request with one status and a problem document that has its reason. */
  @PreMatching
  private static final class Answer implements ContainerRequestFilter {
    private final int status;

    Answer(int status) {
      this.status = status;
    }

    @Override
    public void filter(ContainerRequestContext request) {
      String reason =
          Response.Status.fromStatusCode(status) == null
              ? "I'm a teapot"
              : Response.Status.fromStatusCode(status).getReasonPhrase();
      request.abortWith(
          Response.status(status)
              .type(status == 418 ? "text/plain" : "application/problem+json")
              .entity(
                  status == 418
                      ? "short and stout"
                      : "{\"title\":\"" + reason + "\",\"status\":" + status + "}")
              .build());
    }
  }
}
