package io.ecdp.customers.sandbox;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.errors.ValidationException;
import io.ecdp.customers.internal.model.CustomerResponse;
import io.ecdp.customers.internal.model.UpsertCustomersRequest;
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
import java.util.List;

/** The nine operations of the Customers API, on the sandbox's store. */
@Path("customers")
public final class CustomersResource {

  private final SandboxStore store;
  private final RecordErrors recordErrors;

  /** The configuration property that holds the sandbox's {@link SandboxStore}. */
  static final String STORE_PROPERTY = "io.ecdp.customers.sandbox.store";

  /** The configuration property that holds the sandbox's {@link RecordErrors}. */
  static final String RECORD_ERRORS_PROPERTY = "io.ecdp.customers.sandbox.recordErrors";

  /** Creates the resource on the sandbox's store and error form (properties of the application). */
  public CustomersResource(@Context jakarta.ws.rs.core.Configuration config) {
    this.store = (SandboxStore) config.getProperty(STORE_PROPERTY);
    Object form = config.getProperty(RECORD_ERRORS_PROPERTY);
    this.recordErrors = form instanceof RecordErrors r ? r : RecordErrors.INDEXED;
  }

  /**
   * {@code POST /customers}: applies the batch all or nothing; a 400 lists every refusal, each
   * naming its record in the spec's form unless the sandbox was started with opaque errors.
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response upsert(UpsertCustomersRequest request) {
    if (request == null
        || request.mode() == null
        || request.matchBy() == null
        || request.data() == null) {
      return Problems.of(
          400,
          "One or more validation errors occurred.",
          "mode, matchBy and data are required.",
          "/customers",
          missing(request),
          null);
    }
    List<String> errors = new java.util.ArrayList<>();
    if (!request.mode().isKnown()) {
      errors.add("mode: must be one of " + io.ecdp.customers.model.UpsertMode.values());
    }
    if (!request.matchBy().isKnown()) {
      errors.add("matchBy: must be one of " + io.ecdp.customers.model.MatchBy.values());
    }
    if (request.data().isEmpty()) {
      errors.add("data: must hold at least one record");
    }
    java.util.Set<Integer> refused = new java.util.HashSet<>();
    if (errors.isEmpty()) {
      for (SandboxStore.Rejection r :
          store.upsert(request.mode(), request.matchBy(), request.data())) {
        if (r.index() >= 0) {
          refused.add(r.index());
        }
        errors.add(
            recordErrors == RecordErrors.OPAQUE ? r.field() + ": " + r.reason() : r.toString());
      }
    }
    if (!errors.isEmpty()) {
      return Problems.of(
          400,
          "One or more validation errors occurred.",
          refusedDetail(refused.size(), request.data().size()),
          "/customers",
          errors,
          null);
    }
    return Response.status(201).build();
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
        + (records == 1 ? " record" : " records")
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
   * spec's constraints is a 400 for a lookup (documented) and a 404 for a delete (the spec
   * documents no 400 there: a value no customer can have names none).
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
                  400,
                  "One or more validation errors occurred.",
                  "The " + known.parameter() + " breaks the spec's constraints.",
                  path,
                  e.violations().stream().map(v -> v.field() + ": " + v.rule()).toList(),
                  null));
    }
  }

  /**
   * The spec types {@code id} as int32 (D2) and documents no 400 for these operations: an ID that
   * is not a 32-bit integer names no customer, so the answer is 404.
   */
  private static Response invalidId(
      CustomerKey.Kind kind, String value, UriInfo uri, String substatus) {
    if (kind != CustomerKey.Kind.ID || value.matches("-?\\d{1,10}") && fitsInt(value)) {
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

  private static List<String> missing(UpsertCustomersRequest request) {
    List<String> out = new java.util.ArrayList<>();
    if (request == null || request.mode() == null) {
      out.add("mode: is required");
    }
    if (request == null || request.matchBy() == null) {
      out.add("matchBy: is required");
    }
    if (request == null || request.data() == null) {
      out.add("data: is required");
    }
    return out;
  }

  /** The identifier a path segment names (ignoring case, D1), or null for an unknown one. */
  private static CustomerKey.Kind kind(String segment) {
    for (CustomerKey.Kind k : CustomerKey.Kind.values()) {
      if (k.parameter().equalsIgnoreCase(segment)) {
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
