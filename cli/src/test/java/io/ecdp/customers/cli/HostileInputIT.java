package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.ecdp.customers.sandbox.CustomersSandbox;
import jakarta.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ecdp} as real processes against a hostile world: a server that echoes the key and the
 * request back in its errors, stored values that carry terminal escapes, malformed NDJSON, CSV with
 * CR LF inside quotes, a folder or a pipe given as input, files of personal data. Each probe states
 * what must hold; the figures go to RELIABILITY.md.
 */
class HostileInputIT {

  private static final String KEY = "k-SECRET-xyz-4f1e9c0b7a";
  private static final String EMAIL = "victim.person@example.com";
  private static final String PHONE = "+48601234567";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final Map<String, String> HELD = new TreeMap<>();

  @TempDir Path dir;

  @BeforeAll
  static void none() {
    HELD.clear();
  }

  @AfterAll
  static void figures() throws IOException {
    Path out = Path.of(System.getProperty("ecdp.reliability.dir", "target/reliability"));
    Files.createDirectories(out);
    java.util.Properties p = new java.util.Properties();
    HELD.forEach(p::setProperty);
    p.setProperty("probes", String.valueOf(HELD.size()));
    try (var w = Files.newOutputStream(out.resolve("hostile-cli.properties"))) {
      p.store(w, "HostileInputIT");
    }
  }

  private record Ended(int code, String output) {}

  private Ended ecdp(Map<String, String> env, String... args) throws Exception {
    Path log = Files.createTempFile(dir, "ecdp", ".log");
    ProcessBuilder b = CliProcess.builder("256m", dir, log, args);
    b.environment().putAll(env);
    Process p = b.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("ended: %s", String.join(" ", args)).isTrue();
    return new Ended(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /** A server that answers every call 400 with errors that echo the key and the request. */
  private static HttpServer echoingServer() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body;
          try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
          String key = exchange.getRequestHeaders().getFirst("x-api-key");
          String uri = exchange.getRequestURI().toString();
          String problem =
              Json.createObjectBuilder()
                  .add("title", "Bad Request")
                  .add("status", 400)
                  .add("detail", "key " + key + " for " + uri)
                  .add(
                      "errors",
                      Json.createArrayBuilder()
                          .add("email: " + body + " key=" + key)
                          .add("data[0].email: " + EMAIL + " / " + PHONE + " refused, key " + key)
                          .add("path " + uri))
                  .build()
                  .toString();
          byte[] bytes = problem.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
          exchange.sendResponseHeaders(400, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    return server;
  }

  private static void assertNoSecret(String what, String text) {
    assertThat(text)
        .as("%s: no key, e-mail or phone", what)
        .doesNotContain(KEY, EMAIL, PHONE, "601234567", "victim.person");
  }

  @Test
  void aServerEchoingTheKeyAndTheRequest_leaksNothingThroughAnyCommandOrFile() throws Exception {
    HttpServer server = echoingServer();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      Map<String, String> env = Map.of("ECDP_API_KEY", KEY);
      Path json = dir.resolve("one.json");
      Files.writeString(json, "[{\"email\":\"" + EMAIL + "\",\"phone\":\"" + PHONE + "\"}]");
      Path csv = dir.resolve("rows.csv");
      Files.writeString(csv, "email,phone\n" + EMAIL + "," + PHONE + "\nother@example.com,\n");
      List<String[]> commands = new ArrayList<>();
      for (String output : new String[] {"text", "json"}) {
        commands.add(new String[] {"--output", output, "customers", "get", "--email", EMAIL});
        commands.add(new String[] {"--output", output, "customers", "delete", "--phone", PHONE});
        commands.add(
            new String[] {
              "--output",
              output,
              "customers",
              "upsert",
              "--mode",
              "Add",
              "--match-by",
              "Email",
              json.toString()
            });
        commands.add(
            new String[] {
              "--output",
              output,
              "customers",
              "import",
              csv.toString(),
              "--mode",
              "Add",
              "--match-by",
              "Email",
              "--restart",
              "--progress",
              "none",
              "--rejects",
              dir.resolve("rejects-" + output + ".ndjson").toString()
            });
      }
      for (String[] command : commands) {
        String[] args = CliProcess.append(new String[] {"--base-url", base}, command);
        Ended e = ecdp(env, args);
        assertThat(e.code()).as(e.output()).isIn(ExitCode.INPUT_REJECTED, ExitCode.NOT_FOUND);
        assertThat(e.output()).as("the server's words are there, masked").contains("***");
        assertNoSecret(String.join(" ", command), e.output());
      }
      for (String output : new String[] {"text", "json"}) {
        String rejects = Files.readString(dir.resolve("rejects-" + output + ".ndjson"));
        assertThat(rejects).contains("\"reason\"");
        // The rows themselves ("input") are the user's own file; the reasons are the server's.
        for (String line : rejects.lines().toList()) {
          String reason = line.replaceAll(".*\"reason\":\"((?:[^\"\\\\]|\\\\.)*)\".*", "$1");
          assertNoSecret("reject reason", reason);
        }
      }
      HELD.put("echoedKeyAndPersonalData.commandsChecked", String.valueOf(commands.size()));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void storedTerminalEscapes_areShownEscapedInText_andExactInJson() throws Exception {
    // The API refuses control characters in what it is sent (D14), but a customer may hold them
    // from before, or from elsewhere: the state the sandbox serves is written with one.
    String name = "\u001b[31mRED\u001b]0;pwned-title\u0007\u202eevil\u009b2J";
    Path state = dir.resolve("s.json");
    try (CustomersSandbox seeded = CustomersSandbox.builder().stateFile(state).start()) {
      seeded
          .store()
          .put(
              0,
              io.ecdp.customers.model.CustomerDetails.builder()
                  .email("esc@example.com")
                  .firstName(name)
                  .build(),
              null);
    }
    CliProcess.Served served =
        CliProcess.serve(dir, dir.resolve("serve.out"), "--state", state.toString());
    try {
      Map<String, String> env = Map.of("ECDP_API_KEY", "sandbox-api-key");
      String base = served.uri().toString();
      Ended text = ecdp(env, "--base-url", base, "customers", "get", "--email", "esc@example.com");
      assertThat(text.code()).as(text.output()).isZero();
      assertThat(text.output())
          .doesNotContain("\u001b", "\u0007", "\u202e", "\u009b")
          .contains("\\e[31mRED\\e]0;pwned-title\\u0007\\u202eevil\\u009b2J");
      Ended json =
          ecdp(
              env,
              "--base-url",
              base,
              "--output",
              "json",
              "customers",
              "get",
              "--email",
              "esc@example.com");
      assertThat(
              Json.createReader(new java.io.StringReader(json.output().strip()))
                  .readObject()
                  .getString("firstName"))
          .as("JSON output stays exact")
          .isEqualTo(name);
      HELD.put("terminalEscapes.escapedInText", "yes");
    } finally {
      served.stop();
    }
  }

  @Test
  void malformedNdjsonAndCrLfInQuotes_areRefusedOrKeptExactly() throws Exception {
    CliProcess.Served served =
        CliProcess.serve(
            dir, dir.resolve("serve.out"), "--state", dir.resolve("s.json").toString());
    try {
      Path ndjson = dir.resolve("odd.ndjson");
      Files.writeString(
          ndjson,
          """
          {"email":"dup1@example.com","email":"dup2@example.com"}
          {"email":"bool@example.com","firstName":true}
          {"email":"lone@example.com","firstName":"\\ud800x"}
          {"email":"fine@example.com","firstName":"Fine"}
          """);
      Path csv = dir.resolve("crlf.csv");
      Files.writeString(csv, "email,attr:notes\r\ncrlf@example.com,\"two\r\nlines\"\r\n");
      Map<String, String> env = Map.of("ECDP_API_KEY", "sandbox-api-key");
      String base = served.uri().toString();
      Ended odd =
          ecdp(
              env,
              "--base-url",
              base,
              "customers",
              "import",
              ndjson.toString(),
              "--mode",
              "Add",
              "--match-by",
              "Email",
              "--progress",
              "none");
      assertThat(odd.code()).as(odd.output()).isEqualTo(ExitCode.INPUT_REJECTED);
      assertThat(odd.output())
          .contains(
              "4 rows read",
              "1 accepted",
              "3 rejected",
              "email: appears twice in the object",
              "firstName: must be a JSON string (found a boolean)",
              "firstName: holds a lone UTF-16 surrogate \\ud800");
      for (String email :
          new String[] {
            "dup1@example.com", "dup2@example.com", "bool@example.com", "lone@example.com"
          }) {
        assertThat(get(served.uri(), email).statusCode()).as("%s not stored", email).isEqualTo(404);
      }
      Ended crlf =
          ecdp(
              env,
              "--base-url",
              base,
              "customers",
              "import",
              csv.toString(),
              "--mode",
              "Add",
              "--match-by",
              "Email",
              "--progress",
              "none");
      assertThat(crlf.code()).as(crlf.output()).isZero();
      HttpResponse<String> stored = get(served.uri(), "crlf@example.com");
      assertThat(
              Json.createReader(new java.io.StringReader(stored.body()))
                  .readObject()
                  .getJsonObject("data")
                  .getJsonArray("customAttributes")
                  .getJsonObject(0)
                  .getString("value"))
          .as("CR LF inside quotes stored verbatim")
          .isEqualTo("two\r\nlines");
      HELD.put("ndjson.duplicateKeyBooleanLoneSurrogate.refused", "3 of 3");
      HELD.put("csv.crlfInQuotes.keptVerbatim", "yes");
    } finally {
      served.stop();
    }
  }

  @Test
  void aFolderOrAPipeAsInput_isNamedAsSuch_exit4_andPersonalDataFilesAreTheOwnersOnly()
      throws Exception {
    Path folder = Files.createDirectories(dir.resolve("a-folder"));
    Path fifo = dir.resolve("a-pipe");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    Ended f =
        ecdp(
            Map.of(),
            "--sandbox",
            "customers",
            "import",
            folder.toString(),
            "--mode",
            "Add",
            "--match-by",
            "Email");
    assertThat(f.code()).as(f.output()).isEqualTo(ExitCode.INPUT_REJECTED);
    assertThat(f.output()).contains("is a directory").doesNotContain("Usage");
    Ended p =
        ecdp(
            Map.of(),
            "--sandbox",
            "customers",
            "import",
            fifo.toString(),
            "--mode",
            "Add",
            "--match-by",
            "Email");
    assertThat(p.code()).as(p.output()).isEqualTo(ExitCode.INPUT_REJECTED);
    assertThat(p.output()).contains("is not a regular file (a pipe or device)");

    Path csv = dir.resolve("people.csv");
    Files.writeString(csv, "email\nok@example.com\nnot-an-email\n");
    Files.createDirectories(dir.resolve("old"));
    Path oldRejects = dir.resolve("old/people.rejects.ndjson");
    Files.writeString(oldRejects, "");
    Files.setPosixFilePermissions(oldRejects, PosixFilePermissions.fromString("rw-r--r--"));
    Ended imported =
        ecdp(
            Map.of(),
            "--sandbox",
            "customers",
            "import",
            csv.toString(),
            "--mode",
            "Add",
            "--match-by",
            "Email",
            "--progress",
            "none",
            "--rejects",
            oldRejects.toString());
    assertThat(imported.code()).as(imported.output()).isEqualTo(ExitCode.INPUT_REJECTED);
    assertThat(mode(dir.resolve(".ecdp"))).isEqualTo("rwx------");
    try (var files = Files.list(dir.resolve(".ecdp"))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        assertThat(mode(file)).as("%s", file).isEqualTo("rw-------");
      }
    }
    assertThat(mode(oldRejects)).as("an existing rejects file narrowed").isEqualTo("rw-------");
    HELD.put("files.ownerOnly", "yes");
    HELD.put("input.folderOrPipe.named", "yes");
  }

  @Test
  void theSandboxKey_fromTheEnvironment_isNotInTheProcessList_andIsTheOnlyKeyAccepted()
      throws Exception {
    String key = "env-key-0123456789abcdef";
    CliProcess.Served served =
        CliProcess.serve(
            Map.of("ECDP_SANDBOX_API_KEY", key),
            dir,
            dir.resolve("serve.out"),
            "--state",
            dir.resolve("s.json").toString());
    try {
      String cmdline =
          Files.readString(Path.of("/proc/" + served.process().pid() + "/cmdline"))
              .replace('\0', ' ');
      assertThat(cmdline).contains("sandbox serve").doesNotContain(key);
      assertThat(Files.readString(served.output())).doesNotContain(key);
      HttpResponse<String> withKey =
          HTTP.send(
              HttpRequest.newBuilder(served.uri().resolve("/customers/email/a@example.com"))
                  .header("x-api-key", key)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(withKey.statusCode()).isEqualTo(404);
      for (String other : new String[] {"sandbox-api-key", key.substring(1), key + "x"}) {
        HttpResponse<String> refused =
            HTTP.send(
                HttpRequest.newBuilder(served.uri().resolve("/customers/email/a@example.com"))
                    .header("x-api-key", other)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as("key %s", other.length()).isEqualTo(401);
      }
      HELD.put("sandboxKey.fromEnvironment.notInProcessList", "yes");
    } finally {
      served.stop();
    }
  }

  /** Sends {@code request} on a new socket; returns all the server answered until it closed. */
  private static String raw(URI base, String request) throws IOException {
    try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(60_000); // a safety net: the server answers, then closes
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void sandboxServe_refusesSmuggling_hugeAndSlowBodies_andAnswersProblemsOnly() throws Exception {
    CliProcess.Served served =
        CliProcess.serve(
            dir, dir.resolve("serve.out"), "--state", dir.resolve("s.json").toString());
    List<java.net.Socket> slow = new ArrayList<>();
    try {
      URI base = served.uri();
      String host = "Host: 127.0.0.1\r\nx-api-key: sandbox-api-key\r\n";
      String add =
          "{\"mode\":\"Add\",\"matchBy\":\"Email\",\"data\":[{\"email\":\"kept@example.com\"}]}";
      assertThat(
              raw(
                  base,
                  "POST /customers HTTP/1.1\r\n"
                      + host
                      + "Content-Type: application/json\r\nConnection: close\r\nContent-Length: "
                      + add.length()
                      + "\r\n\r\n"
                      + add))
          .startsWith("HTTP/1.1 201");
      // Content-Length and Transfer-Encoding together, a DELETE smuggled behind the body.
      String smuggled =
          raw(
              base,
              "POST /customers HTTP/1.1\r\n"
                  + host
                  + "Content-Type: application/json\r\nContent-Length: 4\r\n"
                  + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
                  + "DELETE /customers/email/kept@example.com HTTP/1.1\r\n"
                  + host
                  + "\r\n");
      assertThat(smuggled).startsWith("HTTP/1.1 400").contains("application/problem+json");
      assertThat(smuggled.split("HTTP/1.1 ", -1)).as("one answer, then closed").hasSize(2);
      String xchunked =
          raw(
              base,
              "POST /customers HTTP/1.1\r\n"
                  + host
                  + "Content-Type: application/json\r\nTransfer-Encoding: xchunked\r\n\r\n");
      assertThat(xchunked).startsWith("HTTP/1.1 400").contains("application/problem+json");
      assertThat(get(base, "kept@example.com").statusCode())
          .as("nothing smuggled ran")
          .isEqualTo(200);

      String huge =
          raw(
              base,
              "POST /customers HTTP/1.1\r\n"
                  + host
                  + "Content-Type: application/json\r\nContent-Length: 10737418240\r\n\r\n{");
      assertThat(huge).startsWith("HTTP/1.1 413").contains("application/problem+json");
      String longUrl =
          raw(
              base,
              "GET /customers/email/" + "a".repeat(100_000) + " HTTP/1.1\r\n" + host + "\r\n");
      assertThat(longUrl).startsWith("HTTP/1.1 4").contains("application/problem+json");

      StringBuilder empties =
          new StringBuilder("{\"mode\":\"Add\",\"matchBy\":\"Email\",\"data\":[");
      for (int i = 0; i < 1_000_000; i++) {
        empties.append(i == 0 ? "{}" : ",{}");
      }
      empties.append("]}");
      HttpResponse<String> amplified =
          HTTP.send(
              HttpRequest.newBuilder(base.resolve("/customers"))
                  .POST(HttpRequest.BodyPublishers.ofString(empties.toString()))
                  .header("x-api-key", "sandbox-api-key")
                  .header("Content-Type", "application/json")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(amplified.statusCode()).isEqualTo(400);
      assertThat(amplified.body().length())
          .as("an answer bounded whatever the input")
          .isLessThan(64 * 1024);
      assertThat(amplified.body()).contains("more errors are not listed");

      // Eight slow bodies, more than the server has workers: other calls are still answered.
      for (int i = 0; i < 8; i++) {
        java.net.Socket s = new java.net.Socket(base.getHost(), base.getPort());
        s.getOutputStream()
            .write(
                ("POST /customers HTTP/1.1\r\n"
                        + host
                        + "Content-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{")
                    .getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        slow.add(s);
      }
      for (int i = 0; i < 5; i++) {
        assertThat(get(base, "kept@example.com").statusCode())
            .as("answered while eight bodies trickle")
            .isEqualTo(200);
      }
      HELD.put("sandboxServe.smugglingRefused", "yes");
      HELD.put("sandboxServe.hugeBody413", "yes");
      HELD.put("sandboxServe.longUrlProblemJson", "yes");
      HELD.put(
          "sandboxServe.errorBodyBytesFor1000000EmptyRecords",
          String.valueOf(amplified.body().length()));
      HELD.put("sandboxServe.slowBodiesOthersServed", "yes");
    } finally {
      for (java.net.Socket s : slow) {
        s.close();
      }
      served.stop();
    }
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  private static HttpResponse<String> get(URI base, String email) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(base.resolve("/customers/email/" + email))
            .header("x-api-key", "sandbox-api-key")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
