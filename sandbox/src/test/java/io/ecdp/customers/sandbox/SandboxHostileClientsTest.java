package io.ecdp.customers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.ByteArrayInputStream;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sandbox against clients that do not play by the rules, over real sockets writing raw
 * HTTP/1.1: request smuggling, bodies that trickle or never end, huge lengths and URLs, requests
 * while it stops. Each test counts answers; timeouts are only a safety net against a hang.
 */
class SandboxHostileClientsTest {

  private static final String KEY = CustomersSandbox.DEFAULT_API_KEY;
  private static final String ADAM = "adam@poczta.pl";

  private static CustomersSandbox withAdam(CustomersSandbox.Builder b) {
    CustomersSandbox sandbox = b.start();
    sandbox
        .store()
        .upsert(
            UpsertMode.ADD, MatchBy.EMAIL, List.of(CustomerRecord.builder().email(ADAM).build()));
    return sandbox;
  }

  private static String deleteAdam() {
    return "DELETE /customers/email/"
        + ADAM
        + " HTTP/1.1\r\nHost: sandbox\r\nx-api-key: "
        + KEY
        + "\r\n\r\n";
  }

  private static String post(String headers) {
    return "POST /customers HTTP/1.1\r\nHost: sandbox\r\nx-api-key: "
        + KEY
        + "\r\nContent-Type: application/json\r\n"
        + headers
        + "\r\n";
  }

  private static void assertProblem(RawHttp.Answer a, int status) {
    assertThat(a).as("an answer").isNotNull();
    assertThat(a.status()).as(a.text()).isEqualTo(status);
    assertThat(a.header("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = Json.createReader(new ByteArrayInputStream(a.body())).readObject();
    assertThat(problem.getInt("status")).isEqualTo(status);
    assertThat(problem.getString("type")).isNotBlank();
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("detail")).isNotBlank();
  }

  // ---------------------------------------------------------------- 1. request smuggling

  static Stream<Arguments> smuggling() {
    String smuggled = deleteAdam();
    return Stream.of(
        Arguments.of(
            "Content-Length then Transfer-Encoding: chunked",
            post("Content-Length: 4\r\nTransfer-Encoding: chunked\r\n") + "0\r\n\r\n" + smuggled),
        Arguments.of(
            "Transfer-Encoding: chunked then Content-Length",
            post("Transfer-Encoding: chunked\r\nContent-Length: 4\r\n") + "0\r\n\r\n" + smuggled),
        Arguments.of(
            "Transfer-Encoding: xchunked, the body a request",
            post("Transfer-Encoding: xchunked\r\n") + smuggled),
        Arguments.of(
            "Transfer-Encoding: xchunked with Content-Length",
            post("Transfer-Encoding: xchunked\r\nContent-Length: 5\r\n") + "0\r\n\r\n" + smuggled),
        Arguments.of(
            "Transfer-Encoding: gzip, chunked",
            post("Transfer-Encoding: gzip, chunked\r\n") + "0\r\n\r\n" + smuggled),
        Arguments.of(
            "Transfer-Encoding: chunked twice",
            post("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n")
                + "0\r\n\r\n"
                + smuggled),
        Arguments.of(
            "Transfer-Encoding in HTTP/1.0",
            post("Transfer-Encoding: chunked\r\n").replace("HTTP/1.1", "HTTP/1.0")
                + "0\r\n\r\n"
                + smuggled));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("smuggling")
  void ambiguousFraming_isRefused400_theConnectionClosed_andTheSmuggledRequestNeverRuns(
      String name, String bytes) throws Exception {
    try (CustomersSandbox sandbox = withAdam(CustomersSandbox.builder());
        RawHttp raw = RawHttp.connect(sandbox.uri())) {
      raw.send(bytes);
      RawHttp.Answer answer = raw.read();
      assertProblem(answer, 400);
      assertThat(answer.header("Connection")).isEqualToIgnoringCase("close");
      assertThat(raw.closedByServer()).as("the connection is closed after the refusal").isTrue();
      assertThat(sandbox.store().find(CustomerKey.email(ADAM)))
          .as("the smuggled DELETE never ran")
          .isPresent();
    }
    HostileFigures.put("smuggling.refused", "yes");
  }

  @Test
  void aChunkedBody_isStillRead_andTheConnectionKept() throws Exception {
    String json =
        "{\"mode\":\"Add\",\"matchBy\":\"Email\",\"data\":[{\"email\":\"ewa@poczta.pl\"}]}";
    try (CustomersSandbox sandbox = withAdam(CustomersSandbox.builder());
        RawHttp raw = RawHttp.connect(sandbox.uri())) {
      raw.send(
          post("Transfer-Encoding: chunked\r\n")
              + Integer.toHexString(json.length())
              + "\r\n"
              + json
              + "\r\n0\r\n\r\n");
      assertThat(raw.read().status()).isEqualTo(201);
      raw.send(deleteAdam());
      assertThat(raw.read().status()).as("the next request on the connection").isEqualTo(200);
      assertThat(sandbox.store().size()).isEqualTo(1);
    }
  }

  // ------------------------------------------------------------ 2. slow and huge bodies

  @Test
  void slowBodies_holdNoWorker_andOtherRequestsAreAnswered() throws Exception {
    // More slow senders than Grizzly has workers (two per core): each sent its headers and one
    // byte of a body, and sends nothing more until the end.
    int slow = Math.max(8, Runtime.getRuntime().availableProcessors() * 2 + 4);
    List<RawHttp> senders = new ArrayList<>();
    List<String> bodies = new ArrayList<>();
    try (CustomersSandbox sandbox =
        withAdam(CustomersSandbox.builder().bodyTimeout(Duration.ofMinutes(10)))) {
      try {
        for (int i = 0; i < slow; i++) {
          String body =
              "{\"mode\":\"Add\",\"matchBy\":\"Email\",\"data\":[{\"email\":\"slow."
                  + i
                  + "@poczta.pl\"}]}";
          bodies.add(body);
          RawHttp s = RawHttp.connect(sandbox.uri());
          senders.add(s);
          s.send(post("Content-Length: " + body.length() + "\r\n") + body.charAt(0));
        }
        int served = 0;
        for (int i = 0; i < 5; i++) {
          try (RawHttp other = RawHttp.connect(sandbox.uri())) {
            other.send(
                "GET /customers/email/"
                    + ADAM
                    + " HTTP/1.1\r\nHost: s\r\nx-api-key: "
                    + KEY
                    + "\r\n\r\n");
            RawHttp.Answer a = other.read();
            if (a != null && a.status() == 200) {
              served++;
            }
          }
        }
        assertThat(served).as("GETs answered while %d bodies trickle", slow).isEqualTo(5);
        HostileFigures.put("slowBodies.slowSenders", slow);
        HostileFigures.put("slowBodies.othersServed", served == 5 ? "yes" : "no");
        // The slow bodies were waiting, not refused: each is applied once it is whole.
        for (int i = 0; i < slow; i++) {
          senders.get(i).send(bodies.get(i).substring(1));
          assertThat(senders.get(i).read().status()).isEqualTo(201);
        }
        assertThat(sandbox.store().size()).isEqualTo(slow + 1);
      } finally {
        for (RawHttp s : senders) {
          s.close();
        }
      }
    }
  }

  @Test
  void bodiesArrivingInPieces_onOneKeptAliveConnection_areEachAnswered() throws Exception {
    // Each body is sent in two pieces, so the sandbox gathers it while it arrives; the next
    // request on the connection must be read as a request of its own (a read left waiting after a
    // body once swallowed it, and the client timed out).
    int requests = 40;
    int answered = 0;
    try (CustomersSandbox sandbox = withAdam(CustomersSandbox.builder());
        RawHttp raw = RawHttp.connect(sandbox.uri())) {
      for (int i = 0; i < requests; i++) {
        String body =
            "{\"mode\":\"Add\",\"matchBy\":\"Email\",\"data\":[{\"email\":\"piece."
                + i
                + "@poczta.pl\"}]}";
        raw.send(post("Content-Length: " + body.length() + "\r\n") + body.substring(0, 10));
        Thread.sleep(5); // pacing only: lets the first piece be read on its own
        raw.send(body.substring(10));
        RawHttp.Answer posted = raw.read();
        raw.send(
            "GET /customers/email/piece."
                + i
                + "@poczta.pl HTTP/1.1\r\nHost: s\r\nx-api-key: "
                + KEY
                + "\r\n\r\n");
        RawHttp.Answer got = raw.read();
        if (posted != null && posted.status() == 201 && got != null && got.status() == 200) {
          answered++;
        }
      }
    }
    assertThat(answered).isEqualTo(requests);
  }

  @Test
  void aBodyThatStopsArriving_isAnswered408_andTheConnectionClosed() throws Exception {
    try (CustomersSandbox sandbox =
            withAdam(CustomersSandbox.builder().bodyTimeout(Duration.ofSeconds(1)));
        RawHttp raw = RawHttp.connect(sandbox.uri())) {
      raw.send(post("Content-Length: 100\r\n") + "{\"mode\":");
      RawHttp.Answer answer = raw.read();
      assertProblem(answer, 408);
      assertThat(raw.closedByServer()).isTrue();
      assertThat(sandbox.store().size()).isEqualTo(1);
    }
    HostileFigures.put("slowBodies.cutAfterTimeout", "yes");
  }

  @Test
  void aHugeContentLength_isAnswered413AtOnce_withoutReadingTheBody() throws Exception {
    try (CustomersSandbox sandbox = withAdam(CustomersSandbox.builder());
        RawHttp raw = RawHttp.connect(sandbox.uri())) {
      raw.send(post("Content-Length: 10737418240\r\n") + "{");
      RawHttp.Answer answer = raw.read();
      assertProblem(answer, 413);
      assertThat(answer.text()).contains(String.valueOf(CustomersSandbox.DEFAULT_MAX_BODY_BYTES));
      assertThat(raw.closedByServer()).isTrue();
    }
    HostileFigures.put("hugeBody.contentLength10GiB", "413");
    HostileFigures.put("limits.maxBodyBytes", CustomersSandbox.DEFAULT_MAX_BODY_BYTES);
    HostileFigures.put(
        "limits.bodyTimeoutSeconds", CustomersSandbox.DEFAULT_BODY_TIMEOUT.toSeconds());
  }

  @Test
  void aChunkedBodyBeyondTheLimit_isAnswered413_andTheConnectionClosed() throws Exception {
    try (CustomersSandbox sandbox = withAdam(CustomersSandbox.builder().maxBodyBytes(1024));
        RawHttp raw = RawHttp.connect(sandbox.uri())) {
      raw.send(post("Transfer-Encoding: chunked\r\n"));
      // 600 bytes twice: past the limit, and the body has not ended.
      for (int i = 0; i < 2; i++) {
        raw.send("258\r\n" + "x".repeat(600) + "\r\n");
      }
      RawHttp.Answer answer = raw.read();
      assertProblem(answer, 413);
      assertThat(raw.closedByServer()).isTrue();
    }
    HostileFigures.put("hugeBody.chunkedBeyondLimit", "413");
  }

  @Test
  void aBodyOfExactlyTheLimit_isRead() throws Exception {
    String json =
        "{\"mode\":\"Add\",\"matchBy\":\"Email\",\"data\":[{\"email\":\"ewa@poczta.pl\"}]}";
    try (CustomersSandbox sandbox =
            withAdam(CustomersSandbox.builder().maxBodyBytes(json.length()));
        RawHttp raw = RawHttp.connect(sandbox.uri())) {
      raw.send(post("Content-Length: " + json.length() + "\r\n") + json);
      assertThat(raw.read().status()).isEqualTo(201);
      raw.send(post("Content-Length: " + (json.length() + 1) + "\r\n") + json + " ");
      assertProblem(raw.read(), 413);
    }
  }

  @Test
  void expect100Continue_isMet_andAnotherExpectation_isAProblem417() throws Exception {
    String json =
        "{\"mode\":\"Add\",\"matchBy\":\"Email\",\"data\":[{\"email\":\"ewa@poczta.pl\"}]}";
    try (CustomersSandbox sandbox = withAdam(CustomersSandbox.builder())) {
      try (RawHttp raw = RawHttp.connect(sandbox.uri())) {
        raw.send(post("Content-Length: " + json.length() + "\r\nExpect: 100-continue\r\n"));
        assertThat(raw.read().status()).isEqualTo(100);
        raw.send(json);
        assertThat(raw.read().status()).isEqualTo(201);
      }
      try (RawHttp raw = RawHttp.connect(sandbox.uri())) {
        raw.send(post("Content-Length: " + json.length() + "\r\nExpect: 200-ok\r\n"));
        assertProblem(raw.read(), 417);
      }
    }
  }

  // ------------------------------------------------------ 5. the sandbox's own errors

  @Test
  void aHundredKilobyteUrl_isAProblem400_notGrizzlysEmptyAnswer() throws Exception {
    try (CustomersSandbox sandbox = withAdam(CustomersSandbox.builder());
        RawHttp raw = RawHttp.connect(sandbox.uri())) {
      raw.send(
          "GET /customers/email/"
              + "a".repeat(100_000)
              + "@poczta.pl HTTP/1.1\r\nHost: s\r\nx-api-key: "
              + KEY
              + "\r\n\r\n");
      RawHttp.Answer answer = raw.read();
      assertProblem(answer, 400);
      assertThat(raw.closedByServer()).isTrue();
    }
    HostileFigures.put("longUrl.100KB", "400 problem+json");
  }

  @Test
  void malformedRequests_areProblems() throws Exception {
    try (CustomersSandbox sandbox = withAdam(CustomersSandbox.builder())) {
      for (String bad :
          List.of(
              "GET /customers/id/1 HTTP/1.1\r\nx-api-key: " + KEY + "\r\n\r\n", // no Host
              post("Content-Length: 3\r\nContent-Length: 4\r\n") + "{}}}",
              post("Content-Length: abc\r\n") + "{}",
              post("Transfer-Encoding: chunked\r\n") + "zz\r\n{}\r\n0\r\n\r\n")) {
        try (RawHttp raw = RawHttp.connect(sandbox.uri())) {
          raw.send(bad);
          assertProblem(raw.read(), 400);
        }
      }
    }
  }

  /** Holds the requests that carry {@code x-hold} until released. */
  @PreMatching
  static final class Hold implements ContainerRequestFilter {
    final CountDownLatch arrived = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public void filter(ContainerRequestContext request) {
      if (request.getHeaderString("x-hold") != null) {
        arrived.countDown();
        try {
          release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  @Test
  void requestsWhileTheSandboxStops_getAProblemOrARefusedConnection_neverHtml() throws Exception {
    Hold hold = new Hold();
    CustomersSandbox sandbox = withAdam(CustomersSandbox.builder().register(hold));
    String get =
        "GET /customers/email/" + ADAM + " HTTP/1.1\r\nHost: s\r\nx-api-key: " + KEY + "\r\n";
    int problems = 0;
    Thread closer = new Thread(sandbox::close, "closer");
    try (RawHttp inFlight = RawHttp.connect(sandbox.uri())) {
      inFlight.send(get + "x-hold: yes\r\n\r\n");
      assertThat(hold.arrived.await(60, TimeUnit.SECONDS)).isTrue();
      closer.start();
      for (int i = 0; i < 6000 && !sandbox.closing(); i++) {
        Thread.sleep(10);
      }
      assertThat(sandbox.closing()).isTrue();
      // Arriving while it stops: 503 with Retry-After, or no connection at all.
      RawHttp.Answer late = null;
      try (RawHttp raw = RawHttp.connect(sandbox.uri())) {
        raw.send(get + "\r\n");
        late = raw.read();
      } catch (SocketException e) {
        // refused or reset: allowed
      }
      if (late != null) {
        assertProblem(late, 503);
        assertThat(late.header("Retry-After")).isEqualTo("1");
        problems++;
      }
      // The request being worked on is finished, with its own answer.
      hold.release.countDown();
      RawHttp.Answer finished = inFlight.read();
      assertThat(finished.status()).isEqualTo(200);
      assertThat(finished.header("Content-Type")).isEqualTo("application/json");
    } finally {
      hold.release.countDown();
      closer.join(60_000);
      sandbox.close();
    }
    assertThat(closer.isAlive()).isFalse();
    try (RawHttp raw = RawHttp.connect(sandbox.uri())) {
      raw.send(get + "\r\n");
      assertThat(raw.read()).as("after close: nothing answers").isNull();
    } catch (SocketException e) {
      // refused: what a stopped sandbox does
    }
    HostileFigures.put("ownErrors.problemJson", "yes");
    HostileFigures.put("shutdown.lateRequestsAnswered503", problems);
  }
}
