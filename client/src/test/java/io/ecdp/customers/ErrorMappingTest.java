package io.ecdp.customers;

import static io.ecdp.customers.TestServer.problem;
import static io.ecdp.customers.TestServer.respond;
import static io.ecdp.customers.TestServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ecdp.customers.errors.BadRequestException;
import io.ecdp.customers.errors.ConflictException;
import io.ecdp.customers.errors.EcdpServiceException;
import io.ecdp.customers.errors.ForbiddenException;
import io.ecdp.customers.errors.NotFoundException;
import io.ecdp.customers.errors.ProblemDetails;
import io.ecdp.customers.errors.RateLimitedException;
import io.ecdp.customers.errors.ServerException;
import io.ecdp.customers.errors.UnauthorizedException;
import io.ecdp.customers.errors.UnexpectedResponseException;
import io.ecdp.customers.errors.Violation;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every error status maps to its exception, with the problem and request id filled in. */
class ErrorMappingTest {

  private TestServer server;
  private CustomersClient client;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer();
    client = server.client().retryPolicy(RetryPolicy.none()).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private EcdpServiceException upsertFailure() {
    return catchThrowableOfType(
        EcdpServiceException.class,
        () ->
            client
                .customers()
                .upsert(
                    UpsertMode.ADD,
                    MatchBy.EMAIL,
                    List.of(CustomerRecord.builder().email(TestData.EMAIL).build())));
  }

  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of(400, BadRequestException.class),
        Arguments.of(401, UnauthorizedException.class),
        Arguments.of(403, ForbiddenException.class),
        Arguments.of(404, NotFoundException.class),
        Arguments.of(409, ConflictException.class),
        Arguments.of(429, RateLimitedException.class),
        Arguments.of(500, ServerException.class),
        Arguments.of(503, ServerException.class),
        Arguments.of(418, UnexpectedResponseException.class),
        Arguments.of(302, UnexpectedResponseException.class));
  }

  @Test
  void errorResponses_readToTheirEnd_leaveTheConnectionForTheNextCall() {
    String problem = "{\"type\":\"about:blank\",\"title\":\"T\",\"status\":400}";
    server.then(problem(400, problem)).then(problem(400, problem)).then(status(201));
    assertThat(upsertFailure()).isInstanceOf(BadRequestException.class);
    assertThat(upsertFailure()).isInstanceOf(BadRequestException.class);
    client
        .customers()
        .upsert(
            UpsertMode.ADD, MatchBy.CRM_ID, List.of(CustomerRecord.builder().crmId("1").build()));
    assertThat(server.requests())
        .extracting(TestServer.Recorded::clientPort)
        .hasSize(3)
        .containsOnly(server.requests().get(0).clientPort());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("statuses")
  void status_mapsToItsException_withTheProblemFilled(int status, Class<?> type) {
    server.then(
        respond(
            status,
            "application/problem+json",
            "{\"type\":\"about:blank\",\"title\":\"T\",\"status\":" + status + ",\"detail\":\"D\"}",
            Map.of("X-Request-Id", "req-" + status)));
    EcdpServiceException e = upsertFailure();
    assertThat(e).isExactlyInstanceOf(type);
    assertThat(e.status()).isEqualTo(status);
    assertThat(e.requestId()).hasValue("req-" + status);
    assertThat(e.method()).hasValue("POST");
    assertThat(e.path()).hasValue("/customers");
    assertThat(e.problem().map(ProblemDetails::title)).hasValue("T");
    assertThat(e.getMessage()).startsWith("POST /customers: " + status).contains("T - D");
  }

  @Test
  void badRequest_carriesTheValidationErrors_andExtensionMembers() {
    server.then(
        problem(
            400,
            "{\"type\":\"https://tools.ietf.org/html/rfc7231#section-6.5.1\","
                + "\"title\":\"One or more validation errors occurred.\",\"status\":400,"
                + "\"detail\":\"The request contains invalid customer data.\",\"instance\":\"/customers\","
                + "\"errors\":[\"data[0].email: The Email field is required.\"],"
                + "\"traceId\":\"00-abc-01\",\"limits\":{\"batch\":1000}}"));
    BadRequestException e = (BadRequestException) upsertFailure();
    ProblemDetails p = e.problem().orElseThrow();
    assertThat(p.type()).isEqualTo("https://tools.ietf.org/html/rfc7231#section-6.5.1");
    assertThat(p.status()).isEqualTo(400);
    assertThat(p.instance()).isEqualTo("/customers");
    assertThat(p.errors()).containsExactly("data[0].email: The Email field is required.");
    assertThat(p.extension("traceId")).hasValue("00-abc-01");
    assertThat(p.extension("limits")).hasValue(Map.of("batch", new BigDecimal("1000")));
    assertThat(e.getMessage()).contains("errors: data[0].email: The Email field is required.");
  }

  @Test
  void badRequest_turnsTheSpecsRecordForm_intoViolations_andSkipsOtherEntries() {
    server.then(
        problem(
            400,
            "{\"title\":\"Bad Request\",\"status\":400,\"errors\":["
                + "\"data[2].email: The Email field is required when matchBy is Email.\","
                + "\"The request is not valid.\","
                + "\"data[99999999999].phone: too large an index names no record\","
                + "\"data[0]: The record is empty.\","
                + "\"data[1].firstName:no space\"]}"));
    BadRequestException e = (BadRequestException) upsertFailure();
    assertThat(e.violations())
        .containsExactly(
            Violation.of(2, "email", "The Email field is required when matchBy is Email."),
            Violation.of(0, "", "The record is empty."),
            Violation.of(1, "firstName", "no space"));
    assertThat(e.problem().orElseThrow().errors()).hasSize(5);
  }

  @Test
  void deleteNotFoundProblem_carriesItsSubstatus_whenThrown() {
    server.then(
        problem(
            404,
            "{\"title\":\"Not Found\",\"status\":404,\"substatus\":\"CustomerInvalidModelState\"}"));
    // A POST has no "not found" answer, so the 404 surfaces as an exception with its substatus.
    EcdpServiceException e = upsertFailure();
    assertThat(e.problem().orElseThrow().substatus()).isEqualTo("CustomerInvalidModelState");
    assertThat(e.getMessage()).contains("[CustomerInvalidModelState]");
  }

  @Test
  void htmlFromAProxy_stillYieldsTheRightException_withAShortExcerpt() {
    String page =
        "<html><head><title>502 Bad Gateway</title></head><body>"
            + "x".repeat(5000)
            + "</body></html>";
    server.then(respond(502, "text/html", page, Map.of()));
    EcdpServiceException e = upsertFailure();
    assertThat(e).isInstanceOf(ServerException.class);
    assertThat(e.problem()).isEmpty();
    assertThat(e.getMessage())
        .contains("text/html body: <html><head><title>502 Bad Gateway</title>")
        .hasSizeLessThan(400);
  }

  @Test
  void aTitleThatRepeatsTheReasonPhrase_isNotSaidTwice() {
    server.then(
        problem(
            401,
            "{\"title\":\"Unauthorized\",\"status\":401,"
                + "\"detail\":\"The API key is not valid.\"}"));
    assertThat(upsertFailure().getMessage())
        .endsWith(": 401 Unauthorized: The API key is not valid.");
  }

  @Test
  void rateLimited_announcesTheRetryDelay() {
    server.then(respond(429, null, "", Map.of("Retry-After", "7")));
    RateLimitedException e = (RateLimitedException) upsertFailure();
    assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(7));
  }

  @Test
  void successWithABodyThatIsNotJson_isAnUnexpectedResponse() {
    server.then(respond(200, "text/html", "<html>maintenance</html>", Map.of()));
    UnexpectedResponseException e =
        catchThrowableOfType(
            UnexpectedResponseException.class,
            () -> client.customers().get(CustomerKey.email(TestData.EMAIL)));
    assertThat(e.status()).isEqualTo(200);
    assertThat(e.getMessage()).contains("not the documented JSON");
  }

  @Test
  void truncatedJson_isAnUnexpectedResponse() {
    server.then(
        respond(200, "application/json", "{\"status\":0,\"data\":{\"email\":\"ad", Map.of()));
    assertThat(
            catchThrowableOfType(
                UnexpectedResponseException.class,
                () -> client.customers().get(CustomerKey.email(TestData.EMAIL)).customer()))
        .hasMessageContaining("not the documented JSON");
  }
}
