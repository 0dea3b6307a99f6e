package io.ecdp.customers.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.Customers;
import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.DeleteResult;
import io.ecdp.customers.RetryPolicy;
import io.ecdp.customers.errors.BadRequestException;
import io.ecdp.customers.errors.EcdpException;
import io.ecdp.customers.errors.EcdpServiceException;
import io.ecdp.customers.errors.ProblemDetails;
import io.ecdp.customers.errors.UnauthorizedException;
import io.ecdp.customers.internal.model.UpsertCustomersRequest;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Calls every operation through the client against a Prism serving a spec, once per documented
 * example ({@code Prefer: example=}) and documented status ({@code Prefer: code=}), and reports
 * every disagreement between what the client returned and what the spec documents.
 */
final class PrismChecks {

  /** One cell of the documented matrix: an operation and one of its statuses. */
  record Cell(String operationId, int status) {}

  private static final Map<String, BiFunction<Customers, Boolean, Object>> CALLS =
      Map.of(
          "getCustomerById", (c, a) -> c.get(CustomerKey.id(12)).customer(),
          "getCustomerByEmail", (c, a) -> c.get(CustomerKey.email("adam@poczta.pl")).customer(),
          "getCustomerByPhone", (c, a) -> c.get(CustomerKey.phone("+48123456789")).customer(),
          "getCustomerByCrmId", (c, a) -> c.get(CustomerKey.crmId("57")).customer(),
          "deleteCustomerById", (c, a) -> delete(c, CustomerKey.id(12), a).deleted(),
          "deleteCustomerByEmail",
              (c, a) -> delete(c, CustomerKey.email("adam@poczta.pl"), a).deleted(),
          "deleteCustomerByPhone",
              (c, a) -> delete(c, CustomerKey.phone("+48123456789"), a).deleted(),
          "deleteCustomerByCrmId", (c, a) -> delete(c, CustomerKey.crmId("57"), a).deleted());

  private static DeleteResult delete(Customers c, CustomerKey key, boolean anonymize) {
    return anonymize ? c.deleteAndAnonymize(key) : c.delete(key);
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** JSON values compared as JSON does: 1523.5 and 1523.50 are the same number. */
  private static final java.util.Comparator<JsonNode> NUMERICALLY =
      (a, b) ->
          a.isNumber() && b.isNumber()
              ? a.decimalValue().compareTo(b.decimalValue())
              : a.equals(b) ? 0 : 1;

  private final URI prism;
  private final SpecExamples spec;
  private final List<String> findings = new ArrayList<>();
  private final Set<Cell> covered = new LinkedHashSet<>();

  PrismChecks(URI prism, SpecExamples spec) {
    this.prism = prism;
    this.spec = spec;
  }

  /** Runs every check; returns the disagreements found (empty when client and spec agree). */
  List<String> run() {
    for (SpecExamples.Operation op : spec.operations()) {
      for (int status : spec.statuses(op)) {
        check(op, status);
      }
    }
    return findings;
  }

  /** Returns the cells that were exercised and agreed. */
  Set<Cell> covered() {
    return covered;
  }

  @SuppressWarnings("try") // Jsonb.close() is declared to throw Exception; Yasson's does not block
  private void check(SpecExamples.Operation op, int status) {
    String where = op.label() + " " + status;
    int before = findings.size();
    try (Jsonb jsonb = JsonbBuilder.create()) {
      if (op.id().equals("upsertCustomers")) {
        checkUpsert(op, status, where, jsonb);
      } else if (status == 200 && op.method().equals("get")) {
        for (Map.Entry<String, JsonNode> example : spec.responseExamples(op, 200).entrySet()) {
          // Compared as JSON against the spec's own example, not through the client's models: a
          // field the models lost or mistyped shows up as a difference.
          JsonNode expected = example.getValue().get("data");
          Object actual = call(op, "example=" + example.getKey(), false);
          if (!(actual instanceof java.util.Optional<?> found) || found.isEmpty()) {
            findings.add(
                where + " example '" + example.getKey() + "': the client returned " + actual);
            continue;
          }
          JsonNode read = new ObjectMapper().readTree(jsonb.toJson(found.get()));
          if (!read.equals(NUMERICALLY, expected)) {
            findings.add(
                where
                    + " example '"
                    + example.getKey()
                    + "': the client read "
                    + read
                    + " but the spec documents "
                    + expected);
          }
        }
      } else if (status == 200) {
        expect(where, true, call(op, "code=200", false));
        expect(where + " with anonymization", true, call(op, "code=200", true));
      } else if (status == 404) {
        // "Not found" is an answer (empty / false), so the problem is read off the wire as well.
        Object none = op.method().equals("get") ? java.util.Optional.empty() : false;
        expect(where, none, call(op, "code=404", false));
        JsonNode example =
            spec.responseExamples(op, 404).values().stream().findFirst().orElseThrow();
        JsonNode sent = rawProblem(op, "code=404");
        for (String field : List.of("type", "title", "status", "detail", "instance", "substatus")) {
          compare(where, field, example.path(field).asText(null), sent.path(field).asText(null));
        }
      } else {
        expectProblem(where, op, status, () -> call(op, "code=" + status, false));
      }
    } catch (Exception e) {
      findings.add(where + ": " + e);
    }
    if (findings.size() == before) {
      covered.add(new Cell(op.id(), status));
    }
  }

  private void checkUpsert(SpecExamples.Operation op, int status, String where, Jsonb jsonb) {
    Map<String, JsonNode> requests = spec.requestExamples(op);
    if (status == 201) {
      for (Map.Entry<String, JsonNode> example : requests.entrySet()) {
        UpsertCustomersRequest r =
            jsonb.fromJson(example.getValue().toString(), UpsertCustomersRequest.class);
        try (CustomersClient client = client("code=201")) {
          client.customers().upsert(r.mode(), r.matchBy(), r.data());
        } catch (EcdpException e) {
          findings.add(where + " request example '" + example.getKey() + "': " + e.getMessage());
        }
      }
      return;
    }
    UpsertCustomersRequest first =
        jsonb.fromJson(
            requests.values().iterator().next().toString(), UpsertCustomersRequest.class);
    expectProblem(
        where,
        op,
        status,
        () -> {
          try (CustomersClient client = client("code=" + status)) {
            client.customers().upsert(first.mode(), first.matchBy(), first.data());
          }
          return null;
        });
  }

  /** Sends the operation's sample request without the client and returns the JSON body. */
  private JsonNode rawProblem(SpecExamples.Operation op, String prefer) throws Exception {
    String path =
        op.path()
            .replace("{id}", "12")
            .replace("{email}", "adam%40poczta.pl")
            .replace("{phone}", "%2B48123456789")
            .replace("{crmId}", "57");
    HttpRequest request =
        HttpRequest.newBuilder(prism.resolve(path))
            .method(op.method().toUpperCase(Locale.ROOT), HttpRequest.BodyPublishers.noBody())
            .header("x-api-key", Contract.VALID_KEY)
            .header("Prefer", prefer)
            .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readTree(response.body());
  }

  private Object call(SpecExamples.Operation op, String prefer, boolean anonymize) {
    try (CustomersClient client = client(prefer)) {
      return CALLS.get(op.id()).apply(client.customers(), anonymize);
    }
  }

  private void expect(String where, Object expected, Object actual) {
    if (!Objects.equals(expected, actual)) {
      findings.add(
          where + ": the client returned " + actual + " but the spec documents " + expected);
    }
  }

  private void expectProblem(
      String where,
      SpecExamples.Operation op,
      int status,
      java.util.function.Supplier<Object> call) {
    Class<? extends EcdpServiceException> type =
        status == 400
            ? BadRequestException.class
            : status == 401 ? UnauthorizedException.class : null;
    JsonNode example = spec.responseExamples(op, status).values().stream().findFirst().orElse(null);
    try {
      Object result = call.get();
      findings.add(where + ": expected an exception, the client returned " + result);
    } catch (EcdpException e) {
      if (type == null || !type.isInstance(e)) {
        findings.add(
            where
                + ": expected "
                + type
                + " but got "
                + e.getClass().getSimpleName()
                + ": "
                + e.getMessage());
        return;
      }
      ProblemDetails p = ((EcdpServiceException) e).problem().orElse(null);
      if (p == null || example == null) {
        findings.add(where + ": no problem document to compare (" + e.getMessage() + ")");
        return;
      }
      compare(where, "type", example.path("type").asText(null), p.type());
      compare(where, "title", example.path("title").asText(null), p.title());
      compare(where, "status", example.path("status").asInt(), p.status());
      compare(where, "detail", example.path("detail").asText(null), p.detail());
      compare(where, "instance", example.path("instance").asText(null), p.instance());
      compare(where, "substatus", example.path("substatus").asText(null), p.substatus());
      List<String> errors = new ArrayList<>();
      example.path("errors").forEach(x -> errors.add(x.asText()));
      compare(where, "errors", errors, p.errors());
    }
  }

  private void compare(String where, String field, Object expected, Object actual) {
    if (!Objects.equals(expected, actual)) {
      findings.add(
          where
              + ": problem "
              + field
              + " is "
              + actual
              + " but the spec's example says "
              + expected);
    }
  }

  private CustomersClient client(String prefer) {
    return CustomersClient.builder()
        .apiKey(Contract.VALID_KEY)
        .baseUri(prism)
        .header("Prefer", prefer)
        .retryPolicy(RetryPolicy.none())
        .build();
  }
}
