package io.ecdp.customers.sandbox;

import io.ecdp.customers.model.CustomerResponse;
import io.ecdp.customers.model.UpsertCustomersRequest;
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

  /** The configuration property that holds the sandbox's {@link SandboxStore}. */
  static final String STORE_PROPERTY = "io.ecdp.customers.sandbox.store";

  /** Creates the resource on the sandbox's store (a property of the application). */
  public CustomersResource(@Context jakarta.ws.rs.core.Configuration config) {
    this.store = (SandboxStore) config.getProperty(STORE_PROPERTY);
  }

  /** {@code POST /customers}: applies the batch all or nothing; 400 names every refused record. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response upsert(UpsertCustomersRequest request) {
    if (request == null
        || request.getMode() == null
        || request.getMatchBy() == null
        || request.getData() == null) {
      return Problems.of(
          400,
          "One or more validation errors occurred.",
          "mode, matchBy and data are required.",
          "/customers",
          missing(request),
          null);
    }
    List<String> errors = new java.util.ArrayList<>();
    if (!request.getMode().isKnown()) {
      errors.add("mode: must be one of " + io.ecdp.customers.model.UpsertMode.values());
    }
    if (!request.getMatchBy().isKnown()) {
      errors.add("matchBy: must be one of " + io.ecdp.customers.model.MatchBy.values());
    }
    if (request.getData().isEmpty()) {
      errors.add("data: must hold at least one record");
    }
    if (errors.isEmpty()) {
      store
          .upsert(request.getMode(), request.getMatchBy(), request.getData())
          .forEach(r -> errors.add(r.toString()));
    }
    if (!errors.isEmpty()) {
      return Problems.of(
          400,
          "One or more validation errors occurred.",
          errors.size() + " of the batch's records were refused; nothing was applied.",
          "/customers",
          errors,
          null);
    }
    return Response.status(201).build();
  }

  /** {@code GET /customers/{kind}/{value}}. */
  @GET
  @Path("{kind}/{value: .+}")
  @Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
  public Response get(
      @PathParam("kind") String kind, @PathParam("value") String value, @Context UriInfo uri) {
    CustomerKey.Kind known = kind(kind);
    if (known == null) {
      return noSuchPath(uri);
    }
    CustomerKey key = new CustomerKey(known, value);
    Response invalid = invalidId(key, uri, null);
    if (invalid != null) {
      return invalid;
    }
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
      return Problems.of(
          400,
          "One or more validation errors occurred.",
          "withAnonymization must be true or false.",
          uri.getRequestUri().getRawPath(),
          List.of("withAnonymization: must be true or false"),
          Problems.DELETE_SUBSTATUS);
    }
    CustomerKey.Kind known = kind(kind);
    if (known == null) {
      return noSuchPath(uri);
    }
    CustomerKey key = new CustomerKey(known, value);
    Response invalid = invalidId(key, uri, Problems.DELETE_SUBSTATUS);
    if (invalid != null) {
      return invalid;
    }
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

  /**
   * The spec types {@code id} as int32 (D2) and documents no 400 for these operations: an ID that
   * is not a 32-bit integer names no customer, so the answer is 404.
   */
  private static Response invalidId(CustomerKey key, UriInfo uri, String substatus) {
    if (key.kind() != CustomerKey.Kind.ID
        || key.value().matches("-?\\d{1,10}") && fitsInt(key.value())) {
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
    if (request == null || request.getMode() == null) {
      out.add("mode: is required");
    }
    if (request == null || request.getMatchBy() == null) {
      out.add("matchBy: is required");
    }
    if (request == null || request.getData() == null) {
      out.add("data: is required");
    }
    return out;
  }

  /** The identifier a path segment names (ignoring case, D1), or null for an unknown one. */
  private static CustomerKey.Kind kind(String segment) {
    try {
      return CustomerKey.Kind.ofSegment(segment);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A path whose identifier segment the API does not have: 404, as for any unknown path. */
  private static Response noSuchPath(UriInfo uri) {
    return Problems.of(404, "Not Found", "No such resource.", uri.getRequestUri().getRawPath());
  }
}
