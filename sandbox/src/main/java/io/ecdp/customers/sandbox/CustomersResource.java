package io.ecdp.customers.sandbox;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.errors.ValidationException;
import io.ecdp.customers.internal.model.CustomerResponse;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParserFactory;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.List;

/** The nine operations of the Customers API, on the sandbox's store. */
@Path("customers")
public final class CustomersResource {

  private final SandboxStore store;
  private final RecordErrors recordErrors;
  private final JsonParserFactory bodyParsers;
  private final long maxBodyBytes;

  /** The configuration property that holds the sandbox's {@link SandboxStore}. */
  static final String STORE_PROPERTY = "io.ecdp.customers.sandbox.store";

  /** The configuration property that holds the sandbox's {@link RecordErrors}. */
  static final String RECORD_ERRORS_PROPERTY = "io.ecdp.customers.sandbox.recordErrors";

  /**
   * The configuration property that holds the sandbox's parsers of request bodies ({@link
   * SandboxJsonP#forBodies}).
   */
  static final String BODY_PARSERS_PROPERTY = "io.ecdp.customers.sandbox.bodyParsers";

  /** The configuration property that holds the sandbox's body limit, in bytes (a Long). */
  static final String MAX_BODY_BYTES_PROPERTY = "io.ecdp.customers.sandbox.maxBodyBytes";

  /**
   * Creates the resource on the sandbox's store, error form, body parsers and body limit
   * (properties of the application).
   */
  public CustomersResource(@Context jakarta.ws.rs.core.Configuration config) {
    this.store = (SandboxStore) config.getProperty(STORE_PROPERTY);
    Object form = config.getProperty(RECORD_ERRORS_PROPERTY);
    this.recordErrors = form instanceof RecordErrors r ? r : RecordErrors.INDEXED;
    this.bodyParsers = (JsonParserFactory) config.getProperty(BODY_PARSERS_PROPERTY);
    this.maxBodyBytes = maxBodyBytes(config);
  }

  /** The sandbox's body limit, from its configuration. */
  static long maxBodyBytes(jakarta.ws.rs.core.Configuration config) {
    Object bytes = config == null ? null : config.getProperty(MAX_BODY_BYTES_PROPERTY);
    return bytes instanceof Long l ? l : CustomersSandbox.DEFAULT_MAX_BODY_BYTES;
  }

  /**
   * How many refusals a 400 lists; any more are counted in one last entry, which names no record
   * (it is not in the spec's {@code x-record-error-form}).
   */
  static final int ERRORS_LISTED = 100;

  /**
   * {@code POST /customers}: applies the batch all or nothing; a 400 lists the refusals (the first
   * {@link #ERRORS_LISTED}, then how many more there were), each naming its record in the spec's
   * form unless the sandbox was started with opaque errors. The body is read as a stream and
   * checked record by record ({@link BatchBody}): every value of the wrong type is named, and a
   * refused batch is not held in memory. A body that is not JSON is answered "not valid JSON"; one
   * that reached a limit of the parser (nesting, a number's length) is answered with that limit and
   * its value ({@link JsonLimit}).
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response upsert(InputStream entity) {
    BatchBody body;
    try {
      body = BatchBody.read(bodyParsers, entity, ERRORS_LISTED);
    } catch (JsonLimit.Reached e) {
      return e.limit().answer(maxBodyBytes, e.where(), "/customers");
    } catch (JsonException | JsonbException | java.util.NoSuchElementException e) {
      return ProblemMappers.malformed("/customers");
    }
    List<String> errors = new java.util.ArrayList<>();
    boolean missing = body == null;
    if (body == null) {
      errors.addAll(List.of("mode: is required", "matchBy: is required", "data: is required"));
    } else {
      errors.addAll(body.requestErrors);
      missing |= required(body.mode == null, "mode", body.requestErrors, errors);
      missing |= required(body.matchBy == null, "matchBy", body.requestErrors, errors);
      missing |= required(!body.hasData, "data", body.requestErrors, errors);
      if (body.mode != null && !body.mode.isKnown()) {
        errors.add("mode: must be one of " + io.ecdp.customers.model.UpsertMode.values());
      }
      if (body.matchBy != null && !body.matchBy.isKnown()) {
        errors.add("matchBy: must be one of " + io.ecdp.customers.model.MatchBy.values());
      }
      if (io.ecdp.customers.model.MatchBy.GUID.equals(body.matchBy)) {
        errors.add(SandboxStore.GUID_REFUSAL.toString());
      }
      if (body.hasData && body.records == 0) {
        errors.add("data: must hold at least one record");
      }
    }
    SandboxStore.Refusals refusals =
        body == null ? new SandboxStore.Refusals(ERRORS_LISTED) : body.refusals;
    if (errors.isEmpty() && refusals.isEmpty()) {
      store.upsert(body.mode, body.matchBy, body.records(), refusals, true);
      if (refusals.isEmpty()) {
        return Response.status(201).build();
      }
    }
    return Problems.of(
        400,
        "One or more validation errors occurred.",
        missing
            ? "mode, matchBy and data are required."
            : refusedDetail(refusals.refusedRecords(), body.records),
        "/customers",
        listed(errors, refusals),
        null);
  }

  /** Adds "field: is required" when the field is absent and not already refused for its type. */
  private static boolean required(
      boolean absent, String field, List<String> requestErrors, List<String> errors) {
    if (!absent || requestErrors.stream().anyMatch(e -> e.startsWith(field + ":"))) {
      return false;
    }
    errors.add(field + ": is required");
    return true;
  }

  /** The request's errors, then its records' refusals, at most {@link #ERRORS_LISTED} in all. */
  private List<String> listed(List<String> requestErrors, SandboxStore.Refusals refusals) {
    List<String> listed = new java.util.ArrayList<>(requestErrors);
    for (SandboxStore.Rejection r : refusals.first()) {
      if (listed.size() >= ERRORS_LISTED) {
        break;
      }
      listed.add(
          recordErrors == RecordErrors.OPAQUE || r.index() < 0
              ? r.field() + ": " + r.reason()
              : r.toString());
    }
    long omitted = requestErrors.size() + refusals.total() - listed.size();
    if (omitted > 0) {
      listed.add(omitted(omitted));
    }
    return listed;
  }

  /** The last entry of a list that was cut: says how many were left out, and names no record. */
  static String omitted(long count) {
    return count
        + (count == 1 ? " more error is" : " more errors are")
        + " not listed: an answer lists the first "
        + ERRORS_LISTED
        + ".";
  }

  /** E.g. "1 of the batch's 3 records was refused; nothing was applied." */
  static String refusedDetail(int refused, int records) {
    if (refused == 0) {
      return "The request was refused; nothing was applied.";
    }
    if (records == 1) {
      return "The batch's one record was refused; nothing was applied.";
    }
    return refused
        + " of the batch's "
        + records
        + " records"
        + (refused == 1 ? " was" : " were")
        + " refused; nothing was applied.";
  }

  /** {@code GET /customers/{kind}/{value}}. */
  @GET
  @Path("{kind}/{value: .+}")
  @Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
  public Response get(
      @PathParam("kind") String kind, @PathParam("value") String value, @Context UriInfo uri) {
    PathKey path = pathKey(kind, value, uri, false);
    if (path.refusal() != null) {
      return path.refusal();
    }
    CustomerKey key = path.key();
    return store
        .find(key)
        .map(
            d ->
                Response.ok(
                        CustomerResponse.builder().status(0).data(d).build(),
                        MediaType.APPLICATION_JSON_TYPE)
                    .build())
        .orElseGet(
            () ->
                Problems.of(
                    404, "Not Found", "Customer not found.", uri.getRequestUri().getRawPath()));
  }

  /** {@code DELETE /customers/{kind}/{value}?withAnonymization=}. */
  @DELETE
  @Path("{kind}/{value: .+}")
  public Response delete(
      @PathParam("kind") String kind,
      @PathParam("value") String value,
      @QueryParam("withAnonymization") String withAnonymization,
      @Context UriInfo uri) {
    boolean anonymize;
    if (withAnonymization == null || withAnonymization.equalsIgnoreCase("false")) {
      anonymize = false;
    } else if (withAnonymization.equalsIgnoreCase("true")) {
      anonymize = true;
    } else {
      // The spec documents no 400 for DELETE (the vendor lists 200, 401 and 404): a value that is
      // not a boolean names no deletion the API offers, so nothing is deleted and the answer is a
      // 404, as for an ID that is not a 32-bit integer.
      return Problems.of(
          404,
          "Not Found",
          "withAnonymization must be true or false; nothing was deleted.",
          uri.getRequestUri().getRawPath(),
          null,
          Problems.DELETE_SUBSTATUS);
    }
    PathKey path = pathKey(kind, value, uri, true);
    if (path.refusal() != null) {
      return path.refusal();
    }
    CustomerKey key = path.key();
    if (store.delete(key, anonymize)) {
      return Response.ok().build();
    }
    return Problems.of(
        404,
        "Not Found",
        "Customer not found.",
        uri.getRequestUri().getRawPath(),
        null,
        Problems.DELETE_SUBSTATUS);
  }

  /** The key a path names, or the answer when it names none. */
  private record PathKey(CustomerKey key, Response refusal) {}

  /**
   * Reads the key of {@code /customers/{kind}/{value}}: an unknown identifier segment is an unknown
   * path (404); an ID that is not a 32-bit integer names no customer (404); a value that breaks the
   * spec's constraints names no customer either (404): the spec documents 200, 401 and 404 for a
   * lookup and 200, 401 and 404 for a delete, no 400, and no customer can have such a value.
   */
  private static PathKey pathKey(String kind, String value, UriInfo uri, boolean delete) {
    CustomerKey.Kind known = kind(kind);
    if (known == null) {
      return new PathKey(null, noSuchPath(uri));
    }
    String substatus = delete ? Problems.DELETE_SUBSTATUS : null;
    Response invalid = invalidId(known, value, uri, substatus);
    if (invalid != null) {
      return new PathKey(null, invalid);
    }
    try {
      return new PathKey(CustomerKey.of(known, value), null);
    } catch (ValidationException e) {
      String path = uri.getRequestUri().getRawPath();
      return new PathKey(
          null,
          delete
              ? Problems.of(404, "Not Found", "Customer not found.", path, null, substatus)
              : Problems.of(
                  404,
                  "Not Found",
                  "No customer has this "
                      + segment(known)
                      + ": it breaks the spec's rules ("
                      + String.join(
                          "; ",
                          e.violations().stream().map(v -> v.field() + ": " + v.rule()).toList())
                      + ").",
                  path));
    }
  }

  /**
   * The spec types {@code id} as int32 (D2) and documents no 400 for these operations: an ID that
   * is not a 32-bit integer names no customer, so the answer is 404.
   */
  private static Response invalidId(
      CustomerKey.Kind kind, String value, UriInfo uri, String substatus) {
    if (kind != CustomerKey.Kind.ID || (value.matches("-?\\d{1,10}") && fitsInt(value))) {
      return null;
    }
    return Problems.of(
        404,
        "Not Found",
        "No customer has this ID: an ID is a 32-bit integer.",
        uri.getRequestUri().getRawPath(),
        null,
        substatus);
  }

  private static boolean fitsInt(String value) {
    long n = Long.parseLong(value);
    return n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE;
  }

  /** The path segment the spec gives a key of this kind ({@code /customers/{segment}/...}). */
  static String segment(CustomerKey.Kind kind) {
    return switch (kind) {
      case ID -> "id";
      case EMAIL -> "email";
      case PHONE -> "phone";
      case CRM_ID -> "crmId";
    };
  }

  /** The identifier a path segment names (ignoring case, D1), or null for an unknown one. */
  private static CustomerKey.Kind kind(String segment) {
    for (CustomerKey.Kind k : CustomerKey.Kind.values()) {
      if (segment(k).equalsIgnoreCase(segment)) {
        return k;
      }
    }
    return null;
  }

  /** A path whose identifier segment the API does not have: 404, as for any unknown path. */
  private static Response noSuchPath(UriInfo uri) {
    return Problems.of(404, "Not Found", "No such resource.", uri.getRequestUri().getRawPath());
  }
}
