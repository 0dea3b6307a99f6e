package io.ecdp.customers.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecdp.customers.sandbox.CustomersSandbox;
import io.ecdp.customers.sandbox.SandboxStore;
import io.ecdp.customers.verify.DriftedStandIn.Drift;
import io.ecdp.customers.verify.DriftedStandIn.Recorded;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DriftedStandInTest {

  private static final String KEY = "k";

  private static final String SEED =
      """
      {"mode":"AddOrUpdate","matchBy":"Email","data":[\
      {"email":"adam@poczta.pl","phone":"123456789","crmId":"57","firstName":"Adam",\
      "lastName":"Nowak","dateOfBirth":"2023-07-25T13:58:16.339Z","gender":"Female",\
      "customAttributes":[{"name":"loyaltyTier","value":"gold"}]},\
      {"email":"jan@poczta.pl","crmId":"58","firstName":"Jan","gender":"Male"}]}""";

  private static final String NEW_CUSTOMER =
      """
      {"mode":"Add","matchBy":"Email","data":[{"email":"ewa@poczta.pl","firstName":"Ewa"}]}""";

  /** A batch without the field named by matchBy: the sandbox refuses it with 400. */
  private static final String REFUSED_BATCH =
      """
      {"mode":"Add","matchBy":"Email","data":[{"firstName":"Nobody"}]}""";

  private static final ObjectMapper JSON = new ObjectMapper();

  private static CustomersSandbox sandbox;
  private static HttpClient http;

  @BeforeAll
  static void startSandbox() {
    sandbox = CustomersSandbox.builder().apiKeys(KEY).start();
    http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @BeforeEach
  void seed() throws Exception {
    sandbox.store().clear();
    assertThat(call(sandbox.uri(), "POST", "/customers", SEED, KEY).statusCode()).isEqualTo(201);
  }

  // NONE

  static Stream<Arguments> exchanges() {
    return Stream.of(
        Arguments.of("GET", "/customers/email/adam%40poczta.pl", null, KEY),
        Arguments.of("GET", "/customers/crmId/57", null, KEY),
        Arguments.of("GET", "/customers/phone/123456789", null, KEY),
        Arguments.of("GET", "/customers/email/nobody%40poczta.pl", null, KEY),
        Arguments.of("GET", "/customers/crmId/57", null, null),
        Arguments.of("POST", "/customers", REFUSED_BATCH, KEY),
        Arguments.of("POST", "/customers", SEED, KEY),
        Arguments.of("DELETE", "/customers/crmid/999?withAnonymization=true", null, KEY));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("exchanges")
  void none_answersExactlyWhatTheUpstreamAnswers(
      String method, String pathAndQuery, String body, String key) throws Exception {
    HttpResponse<byte[]> direct = call(sandbox.uri(), method, pathAndQuery, body, key);
    try (DriftedStandIn standIn = DriftedStandIn.start(sandbox.uri(), Drift.NONE)) {
      HttpResponse<byte[]> forwarded = call(standIn.uri(), method, pathAndQuery, body, key);

      assertThat(forwarded.statusCode()).isEqualTo(direct.statusCode());
      assertThat(contentType(forwarded)).isEqualTo(contentType(direct));
      assertThat(forwarded.body()).isEqualTo(direct.body());
      assertThat(forwarded.headers().firstValueAsLong("content-length"))
          .hasValue(forwarded.body().length);
      assertThat(forwarded.headers().firstValue("transfer-encoding")).isEmpty();
    }
  }

  @Test
  void none_forwardsMethodRawPathQueryHeadersAndBody_butNotHopByHopHeaders() throws Exception {
    try (DriftedStandIn recorder = DriftedStandIn.start(sandbox.uri(), Drift.NONE);
        DriftedStandIn standIn = DriftedStandIn.start(recorder.uri(), Drift.NONE)) {
      HttpResponse<byte[]> deleted =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          standIn.uri()
                              + "/customers/email/jan%40poczta.pl?withAnonymization=true"))
                  .DELETE()
                  .header("x-api-key", KEY)
                  .header("x-trace", "t-1")
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      HttpResponse<byte[]> posted = call(standIn.uri(), "POST", "/customers", NEW_CUSTOMER, KEY);

      assertThat(deleted.statusCode()).isEqualTo(200);
      assertThat(posted.statusCode()).isEqualTo(201);
      assertThat(recorder.requests()).hasSize(2);
      Recorded delete = recorder.requests().get(0);
      assertThat(delete.method()).isEqualTo("DELETE");
      assertThat(delete.rawPath()).isEqualTo("/customers/email/jan%40poczta.pl");
      assertThat(delete.rawQuery()).isEqualTo("withAnonymization=true");
      assertThat(delete.headers()).containsEntry("x-api-key", List.of(KEY));
      assertThat(delete.headers()).containsEntry("x-trace", List.of("t-1"));
      assertThat(delete.headers().get("host"))
          .containsExactly(recorder.uri().getAuthority()); // the stand-in's own Host is not sent
      Recorded post = recorder.requests().get(1);
      assertThat(post.method()).isEqualTo("POST");
      assertThat(post.bodyText()).isEqualTo(NEW_CUSTOMER);
      assertThat(post.headers()).containsEntry("content-type", List.of("application/json"));
      // The upstream really applied both: the query reached it.
      assertThat(entry("jan@poczta.pl")).isEmpty();
      assertThat(anonymizedCount()).isEqualTo(1);
      assertThat(sandbox.store().size()).isEqualTo(3);
    }
  }

  // RENAMED_FIELD

  @Test
  void renamedField_renamesDataEmailToEMail_inItsPlace_andKeepsEveryOtherMember() throws Exception {
    String path = "/customers/email/adam%40poczta.pl";
    ObjectNode expected = (ObjectNode) tree(call(sandbox.uri(), "GET", path, null, KEY));
    ObjectNode data = (ObjectNode) expected.get("data");
    List<String> names = new ArrayList<>();
    data.fieldNames().forEachRemaining(name -> names.add(name.equals("email") ? "eMail" : name));
    try (DriftedStandIn standIn = DriftedStandIn.start(sandbox.uri(), Drift.RENAMED_FIELD)) {
      HttpResponse<byte[]> r = call(standIn.uri(), "GET", path, null, KEY);

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(contentType(r)).hasValue("application/json");
      assertThat(r.headers().firstValueAsLong("content-length")).hasValue(r.body().length);
      JsonNode drifted = tree(r).get("data");
      assertThat(drifted.has("email")).isFalse();
      assertThat(drifted.get("eMail").asText()).isEqualTo("adam@poczta.pl");
      List<String> driftedNames = new ArrayList<>();
      drifted.fieldNames().forEachRemaining(driftedNames::add);
      assertThat(driftedNames).isEqualTo(names);
      data.set("eMail", data.remove("email"));
      assertThat(tree(r)).isEqualTo(expected);
    }
  }

  // DROPPED_ENUM_VALUE

  @Test
  void droppedEnumValue_answersFForAFemaleCustomer() throws Exception {
    String path = "/customers/crmId/57";
    JsonNode expected = tree(call(sandbox.uri(), "GET", path, null, KEY));
    assertThat(expected.at("/data/gender").asText()).isEqualTo("Female");
    try (DriftedStandIn standIn = DriftedStandIn.start(sandbox.uri(), Drift.DROPPED_ENUM_VALUE)) {
      HttpResponse<byte[]> r = call(standIn.uri(), "GET", path, null, KEY);

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(contentType(r)).hasValue("application/json");
      ((ObjectNode) expected.get("data")).put("gender", "F");
      assertThat(tree(r)).isEqualTo(expected);
    }
  }

  @Test
  void droppedEnumValue_leavesOtherGendersAndWritesAlone() throws Exception {
    String path = "/customers/crmId/58";
    HttpResponse<byte[]> direct = call(sandbox.uri(), "GET", path, null, KEY);
    try (DriftedStandIn standIn = DriftedStandIn.start(sandbox.uri(), Drift.DROPPED_ENUM_VALUE)) {
      HttpResponse<byte[]> r = call(standIn.uri(), "GET", path, null, KEY);
      HttpResponse<byte[]> posted = call(standIn.uri(), "POST", "/customers", SEED, KEY);

      assertThat(tree(r).at("/data/gender").asText()).isEqualTo("Male");
      assertThat(r.body()).isEqualTo(direct.body());
      assertThat(posted.statusCode()).isEqualTo(201);
    }
  }

  // UNDOCUMENTED_STATUS

  @Test
  void undocumentedStatus_answers410ForAGetThatWouldBe404_keepingTheProblem() throws Exception {
    String path = "/customers/email/nobody%40poczta.pl";
    HttpResponse<byte[]> direct = call(sandbox.uri(), "GET", path, null, KEY);
    assertThat(direct.statusCode()).isEqualTo(404);
    try (DriftedStandIn standIn = DriftedStandIn.start(sandbox.uri(), Drift.UNDOCUMENTED_STATUS)) {
      HttpResponse<byte[]> r = call(standIn.uri(), "GET", path, null, KEY);

      assertThat(r.statusCode()).isEqualTo(410);
      assertThat(contentType(r)).hasValue("application/problem+json");
      assertThat(r.body()).isEqualTo(direct.body());
    }
  }

  @Test
  void undocumentedStatus_leavesFoundCustomersAndDeletes404Alone() throws Exception {
    try (DriftedStandIn standIn = DriftedStandIn.start(sandbox.uri(), Drift.UNDOCUMENTED_STATUS)) {
      assertThat(call(standIn.uri(), "GET", "/customers/crmId/57", null, KEY).statusCode())
          .isEqualTo(200);
      assertThat(call(standIn.uri(), "DELETE", "/customers/crmId/999", null, KEY).statusCode())
          .isEqualTo(404);
    }
  }

  // TEXT_PLAIN_400

  @Test
  void textPlain400_answersA400AsPlainTextBadRequest() throws Exception {
    try (DriftedStandIn standIn = DriftedStandIn.start(sandbox.uri(), Drift.TEXT_PLAIN_400)) {
      HttpResponse<byte[]> r = call(standIn.uri(), "POST", "/customers", REFUSED_BATCH, KEY);

      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(contentType(r)).hasValue("text/plain; charset=utf-8");
      assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("Bad Request");
      assertThat(r.headers().firstValueAsLong("content-length")).hasValue(11);
    }
  }

  @Test
  void textPlain400_leavesOtherErrorsAsProblems() throws Exception {
    try (DriftedStandIn standIn = DriftedStandIn.start(sandbox.uri(), Drift.TEXT_PLAIN_400)) {
      HttpResponse<byte[]> r = call(standIn.uri(), "POST", "/customers", REFUSED_BATCH, null);

      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(contentType(r)).hasValue("application/problem+json");
    }
  }

  // STATUS_200_FOR_201

  @Test
  void status200For201_answersAnAcceptedBatchWith200_andTheBatchIsApplied() throws Exception {
    try (DriftedStandIn standIn = DriftedStandIn.start(sandbox.uri(), Drift.STATUS_200_FOR_201)) {
      HttpResponse<byte[]> r = call(standIn.uri(), "POST", "/customers", NEW_CUSTOMER, KEY);
      HttpResponse<byte[]> again = call(sandbox.uri(), "POST", "/customers", SEED, KEY);
      HttpResponse<byte[]> refused = call(standIn.uri(), "POST", "/customers", REFUSED_BATCH, KEY);

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(again.statusCode()).isEqualTo(201);
      assertThat(r.body()).isEqualTo(again.body());
      assertThat(contentType(r)).isEqualTo(contentType(again));
      assertThat(entry("ewa@poczta.pl")).isPresent();
      assertThat(refused.statusCode()).isEqualTo(400);
    }
  }

  // CASE_SENSITIVE_CRMID

  @ParameterizedTest
  @ValueSource(strings = {"crmId", "CRMID", "CrmId", "crmID"})
  void caseSensitiveCrmId_answers404ForAnyOtherSpelling_withoutForwarding(String segment)
      throws Exception {
    try (DriftedStandIn recorder = DriftedStandIn.start(sandbox.uri(), Drift.NONE);
        DriftedStandIn standIn = DriftedStandIn.start(recorder.uri(), Drift.CASE_SENSITIVE_CRMID)) {
      for (String method : List.of("GET", "DELETE")) {
        HttpResponse<byte[]> r =
            call(standIn.uri(), method, "/customers/" + segment + "/57", null, KEY);

        assertThat(r.statusCode()).as(method).isEqualTo(404);
        assertThat(contentType(r)).as(method).hasValue("application/problem+json");
        assertThat(tree(r))
            .as(method)
            .isEqualTo(
                JSON.readTree("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404}"));
      }
      assertThat(recorder.requests()).isEmpty();
      assertThat(standIn.requests()).hasSize(2);
      assertThat(entry("adam@poczta.pl")).isPresent();
    }
  }

  @Test
  void caseSensitiveCrmId_forwardsLowerCase_spelledAsTheSpecSpellsIt() throws Exception {
    HttpResponse<byte[]> direct = call(sandbox.uri(), "GET", "/customers/crmId/57", null, KEY);
    try (DriftedStandIn recorder = DriftedStandIn.start(sandbox.uri(), Drift.NONE);
        DriftedStandIn standIn = DriftedStandIn.start(recorder.uri(), Drift.CASE_SENSITIVE_CRMID)) {
      HttpResponse<byte[]> got = call(standIn.uri(), "GET", "/customers/crmid/57", null, KEY);
      HttpResponse<byte[]> deleted =
          call(standIn.uri(), "DELETE", "/customers/crmid/57?withAnonymization=false", null, KEY);

      assertThat(got.statusCode()).isEqualTo(200);
      assertThat(got.body()).isEqualTo(direct.body());
      assertThat(deleted.statusCode()).isEqualTo(200);
      assertThat(entry("adam@poczta.pl")).isEmpty();
      assertThat(standIn.requests())
          .extracting(Recorded::rawPath)
          .containsExactly("/customers/crmid/57", "/customers/crmid/57");
      assertThat(recorder.requests())
          .extracting(Recorded::method, Recorded::rawPath, Recorded::rawQuery)
          .containsExactly(
              tuple("GET", "/customers/crmId/57", null),
              tuple("DELETE", "/customers/crmId/57", "withAnonymization=false"));
    }
  }

  // RATE_LIMIT_WITHOUT_RETRY_AFTER

  @Test
  void rateLimit_refusesEveryThirdRequestFromTheFirst_with429AndNoRetryAfter() throws Exception {
    try (DriftedStandIn recorder = DriftedStandIn.start(sandbox.uri(), Drift.NONE);
        DriftedStandIn standIn =
            DriftedStandIn.start(recorder.uri(), Drift.RATE_LIMIT_WITHOUT_RETRY_AFTER)) {
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        HttpResponse<byte[]> r = call(standIn.uri(), "GET", "/customers/crmId/57", null, KEY);
        statuses.add(r.statusCode());
        if (r.statusCode() == 429) {
          assertThat(contentType(r)).hasValue("application/problem+json");
          assertThat(r.headers().firstValue("retry-after")).isEmpty();
          assertThat(tree(r).get("status").asInt()).isEqualTo(429);
        }
      }

      assertThat(statuses).containsExactly(429, 200, 200, 429, 200, 200, 429);
      assertThat(standIn.requests()).hasSize(7);
      assertThat(recorder.requests()).hasSize(4);
    }
  }

  @Test
  void rateLimit_refusedWriteIsNotApplied() throws Exception {
    try (DriftedStandIn standIn =
        DriftedStandIn.start(sandbox.uri(), Drift.RATE_LIMIT_WITHOUT_RETRY_AFTER)) {
      HttpResponse<byte[]> first = call(standIn.uri(), "POST", "/customers", NEW_CUSTOMER, KEY);

      assertThat(first.statusCode()).isEqualTo(429);
      assertThat(entry("ewa@poczta.pl")).isEmpty();
      assertThat(call(standIn.uri(), "POST", "/customers", NEW_CUSTOMER, KEY).statusCode())
          .isEqualTo(201);
      assertThat(entry("ewa@poczta.pl")).isPresent();
    }
  }

  // EXTRA_FIELD

  @Test
  void extraField_addsLoyaltyScore42ToData_andKeepsEverythingElse() throws Exception {
    String path = "/customers/phone/123456789";
    JsonNode expected = tree(call(sandbox.uri(), "GET", path, null, KEY));
    try (DriftedStandIn standIn = DriftedStandIn.start(sandbox.uri(), Drift.EXTRA_FIELD)) {
      HttpResponse<byte[]> r = call(standIn.uri(), "GET", path, null, KEY);
      HttpResponse<byte[]> missing =
          call(standIn.uri(), "GET", "/customers/phone/999999999", null, KEY);

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(contentType(r)).hasValue("application/json");
      JsonNode drifted = tree(r);
      assertThat(drifted.at("/data/loyaltyScore").isInt()).isTrue();
      assertThat(drifted.at("/data/loyaltyScore").asInt()).isEqualTo(42);
      ((ObjectNode) expected.get("data")).put("loyaltyScore", 42);
      assertThat(drifted).isEqualTo(expected);
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(tree(missing).has("loyaltyScore")).isFalse();
    }
  }

  // CHANGED_ERROR_FORMAT

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of("GET", "/customers/email/nobody%40poczta.pl", KEY, 404),
        Arguments.of("DELETE", "/customers/id/999", KEY, 404),
        Arguments.of("GET", "/customers/crmId/57", null, 401),
        Arguments.of("DELETE", "/customers/crmId/57", "wrong-key", 401));
  }

  @ParameterizedTest(name = "{0} {1} -> {3}")
  @MethodSource("errors")
  void changedErrorFormat_answers401And404AsAnErrorObject_notAProblem(
      String method, String path, String key, int status) throws Exception {
    HttpResponse<byte[]> direct = call(sandbox.uri(), method, path, null, key);
    assertThat(direct.statusCode()).isEqualTo(status);
    try (DriftedStandIn standIn = DriftedStandIn.start(sandbox.uri(), Drift.CHANGED_ERROR_FORMAT)) {
      HttpResponse<byte[]> r = call(standIn.uri(), method, path, null, key);

      assertThat(r.statusCode()).isEqualTo(status);
      assertThat(contentType(r)).hasValue("application/json");
      JsonNode body = tree(r);
      assertThat(body.size()).isEqualTo(1);
      assertThat(body.at("/error/code").asInt()).isEqualTo(status);
      assertThat(body.at("/error/message").asText()).isEqualTo(tree(direct).get("detail").asText());
      assertThat(body.has("type")).isFalse();
    }
  }

  @Test
  void changedErrorFormat_leaves400AndSuccessAlone() throws Exception {
    try (DriftedStandIn standIn = DriftedStandIn.start(sandbox.uri(), Drift.CHANGED_ERROR_FORMAT)) {
      HttpResponse<byte[]> refused = call(standIn.uri(), "POST", "/customers", REFUSED_BATCH, KEY);
      HttpResponse<byte[]> found = call(standIn.uri(), "GET", "/customers/crmId/57", null, KEY);

      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(contentType(refused)).hasValue("application/problem+json");
      assertThat(found.statusCode()).isEqualTo(200);
    }
  }

  // Drifts that rewrite one kind of answer leave the others exactly as the upstream gave them.

  @ParameterizedTest
  @EnumSource(
      value = Drift.class,
      names = {"RENAMED_FIELD", "DROPPED_ENUM_VALUE", "EXTRA_FIELD", "STATUS_200_FOR_201"})
  void drifts_onSuccessOnly_forwardErrorsUnchanged(Drift drift) throws Exception {
    try (DriftedStandIn standIn = DriftedStandIn.start(sandbox.uri(), drift)) {
      for (String[] exchange :
          List.of(
              new String[] {"GET", "/customers/email/nobody%40poczta.pl", null},
              new String[] {"POST", "/customers", REFUSED_BATCH})) {
        HttpResponse<byte[]> direct =
            call(sandbox.uri(), exchange[0], exchange[1], exchange[2], KEY);
        HttpResponse<byte[]> r = call(standIn.uri(), exchange[0], exchange[1], exchange[2], KEY);

        assertThat(r.statusCode()).as(exchange[1]).isEqualTo(direct.statusCode());
        assertThat(contentType(r)).as(exchange[1]).isEqualTo(contentType(direct));
        assertThat(r.body()).as(exchange[1]).isEqualTo(direct.body());
      }
    }
  }

  // Recording

  @Test
  void requests_recordMethodRawPathRawQueryHeadersAndBody_asReceived() throws Exception {
    try (DriftedStandIn standIn = DriftedStandIn.start(sandbox.uri(), Drift.NONE)) {
      call(standIn.uri(), "POST", "/customers", NEW_CUSTOMER, KEY);
      call(standIn.uri(), "GET", "/customers/email/ewa%40poczta.pl", null, KEY);
      call(
          standIn.uri(),
          "DELETE",
          "/customers/email/ewa%40poczta.pl?withAnonymization=true",
          null,
          KEY);

      List<Recorded> requests = standIn.requests();
      assertThat(requests)
          .extracting(Recorded::method, Recorded::rawPath, Recorded::rawQuery)
          .containsExactly(
              tuple("POST", "/customers", null),
              tuple("GET", "/customers/email/ewa%40poczta.pl", null),
              tuple("DELETE", "/customers/email/ewa%40poczta.pl", "withAnonymization=true"));
      assertThat(requests.get(0).body()).isEqualTo(NEW_CUSTOMER.getBytes(StandardCharsets.UTF_8));
      assertThat(requests.get(1).body()).isEmpty();
      for (Recorded r : requests) {
        assertThat(r.headers().get("X-API-KEY")).containsExactly(KEY);
        assertThat(r.headers().get("x-api-key")).containsExactly(KEY);
      }
      assertThat(requests.get(0).headers().get("Content-Type")).containsExactly("application/json");
    }
  }

  @Test
  void requests_isASnapshot_unchangedByLaterRequestsAndByItsReaders() throws Exception {
    try (DriftedStandIn standIn = DriftedStandIn.start(sandbox.uri(), Drift.NONE)) {
      call(standIn.uri(), "POST", "/customers", NEW_CUSTOMER, KEY);
      List<Recorded> before = standIn.requests();
      before.get(0).body()[0] = 'X';
      call(standIn.uri(), "GET", "/customers/crmId/57", null, KEY);

      assertThat(before).hasSize(1);
      assertThat(before.get(0).bodyText()).isEqualTo(NEW_CUSTOMER);
      assertThat(standIn.requests()).hasSize(2);
      assertThatThrownBy(() -> before.add(before.get(0)))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> before.get(0).headers().put("x-api-key", List.of("other")))
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Test
  void requests_recordsEveryOneOfManyConcurrentRequests() throws Exception {
    try (DriftedStandIn standIn = DriftedStandIn.start(sandbox.uri(), Drift.NONE)) {
      List<CompletableFuture<HttpResponse<byte[]>>> calls =
          IntStream.range(0, 40)
              .mapToObj(
                  i ->
                      http.sendAsync(
                          request(standIn.uri(), "GET", "/customers/crmId/c" + i, null, KEY),
                          HttpResponse.BodyHandlers.ofByteArray()))
              .toList();
      for (CompletableFuture<HttpResponse<byte[]>> c : calls) {
        assertThat(c.get().statusCode()).isEqualTo(404);
      }

      assertThat(standIn.requests())
          .extracting(Recorded::rawPath)
          .containsExactlyInAnyOrderElementsOf(
              IntStream.range(0, 40).mapToObj(i -> "/customers/crmId/c" + i).toList());
    }
  }

  @ParameterizedTest
  @EnumSource(Drift.class)
  void everyDrift_listensOnLoopback_andRecordsWhatItReceives(Drift drift) throws Exception {
    try (DriftedStandIn standIn = DriftedStandIn.start(sandbox.uri(), drift)) {
      call(standIn.uri(), "GET", "/customers/crmid/58", null, KEY);

      assertThat(standIn.uri().getHost()).isEqualTo("127.0.0.1");
      assertThat(standIn.uri().getPort()).isPositive().isNotEqualTo(sandbox.uri().getPort());
      assertThat(standIn.requests())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.method()).isEqualTo("GET");
                assertThat(r.rawPath()).isEqualTo("/customers/crmid/58");
                assertThat(r.rawQuery()).isNull();
              });
    }
  }

  @Test
  void unreachableUpstream_isAnswered502WithAProblem() throws Exception {
    int freePort;
    try (ServerSocket socket = new ServerSocket(0)) {
      freePort = socket.getLocalPort();
    }
    try (DriftedStandIn standIn =
        DriftedStandIn.start(URI.create("http://127.0.0.1:" + freePort), Drift.NONE)) {
      HttpResponse<byte[]> r = call(standIn.uri(), "GET", "/customers/crmId/57", null, KEY);

      assertThat(r.statusCode()).isEqualTo(502);
      assertThat(contentType(r)).hasValue("application/problem+json");
      assertThat(standIn.requests()).hasSize(1);
    }
  }

  // Helpers

  private static HttpResponse<byte[]> call(
      URI base, String method, String pathAndQuery, String body, String key)
      throws IOException, InterruptedException {
    return http.send(
        request(base, method, pathAndQuery, body, key), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static HttpRequest request(
      URI base, String method, String pathAndQuery, String body, String key) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (key != null) {
      b.header("x-api-key", key);
    }
    return b.build();
  }

  private static Optional<String> contentType(HttpResponse<?> r) {
    return r.headers().firstValue("content-type");
  }

  private static JsonNode tree(HttpResponse<byte[]> r) throws IOException {
    return JSON.readTree(r.body());
  }

  private static Optional<SandboxStore.Entry> entry(String email) {
    return sandbox.store().snapshot().stream()
        .filter(e -> email.equals(e.details().email()))
        .findFirst();
  }

  private static long anonymizedCount() {
    return sandbox.store().snapshot().stream().filter(SandboxStore.Entry::anonymized).count();
  }
}
