package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ecdp sandbox serve} as a process of its own: called over HTTP, stopped, started again. */
class SandboxServeIT {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir Path dir;

  private CliProcess.Served serve(String name) throws Exception {
    return CliProcess.serve(dir, dir.resolve(name + ".out"), "--state", "state.json");
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file) : "";
  }

  private static HttpResponse<String> call(URI base, String method, String path, String body)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(base.resolve(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("x-api-key", "sandbox-api-key")
            .header("Content-Type", "application/json")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void serves_overHttp_savesOnSigterm_andLoadsTheStateAgain() throws Exception {
    CliProcess.Served first = serve("first");
    assertThat(first.uri().getHost()).isEqualTo("127.0.0.1");
    assertThat(read(first.output())).contains("API key: sandbox-api-key");
    HttpResponse<String> added =
        call(
            first.uri(),
            "POST",
            "/customers",
            "{\"mode\":\"Add\",\"matchBy\":\"Email\",\"data\":[{\"email\":\"adam@poczta.pl\"}]}");
    assertThat(added.statusCode()).isEqualTo(201);
    assertThat(call(first.uri(), "GET", "/customers/email/adam@poczta.pl", null).statusCode())
        .isEqualTo(200);

    first.process().destroy(); // SIGTERM
    assertThat(first.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(read(first.output())).contains("Stopped; the customers are saved in state.json");
    Path state = dir.resolve("state.json");
    assertThat(state).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state)))
        .isEqualTo("rw-------");

    CliProcess.Served second = serve("second");
    try {
      assertThat(read(second.output())).contains("Customers: 1");
      HttpResponse<String> found =
          call(second.uri(), "GET", "/customers/email/adam@poczta.pl", null);
      assertThat(found.statusCode()).isEqualTo(200);
      assertThat(found.body()).contains("adam@poczta.pl");
    } finally {
      second.process().destroy();
      second.process().waitFor(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void anAddressOtherThanLoopback_withoutAKeyOfItsOwn_isRefusedBeforeListening() throws Exception {
    Path output = dir.resolve("refused.out");
    Process p =
        CliProcess.builder(
                "256m", dir, output, "sandbox", "serve", "--port", "0", "--host", "0.0.0.0")
            .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(ExitCode.USAGE);
    assertThat(read(output))
        .contains("not a loopback address", "--api-key")
        .doesNotContain("listening");
  }
}
