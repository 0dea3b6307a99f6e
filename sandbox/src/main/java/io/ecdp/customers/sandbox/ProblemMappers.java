package io.ecdp.customers.sandbox;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.lang.System.Logger.Level;
import java.util.List;

/** Turns every failure into an {@code application/problem+json} answer. */
final class ProblemMappers {

  private static final System.Logger LOG = System.getLogger("io.ecdp.customers.sandbox");

  private ProblemMappers() {}

  /** Failures JAX-RS raises: unknown path (404), method (405), media type (415), bad input. */
  static final class WebApplication implements ExceptionMapper<WebApplicationException> {
    @Context UriInfo uri;
    @Context Configuration config;

    @Override
    public jakarta.ws.rs.core.Response toResponse(WebApplicationException e) {
      JsonLimit limit = JsonLimit.of(e);
      if (limit != null) {
        return limit.answer(CustomersResource.maxBodyBytes(config), null, path(uri));
      }
      int status = e.getResponse().getStatus();
      String detail =
          e instanceof NotAllowedException
              ? "This method is not allowed here."
              : e instanceof NotSupportedException
                  ? "The body must be application/json."
                  : status == 404 ? "No such resource." : "The request could not be processed.";
      if (e.getCause() instanceof JsonbException || e.getCause() instanceof ProcessingException) {
        return malformed(uri);
      }
      jakarta.ws.rs.core.Response r =
          Problems.of(status, e.getResponse().getStatusInfo().getReasonPhrase(), detail, path(uri));
      return jakarta.ws.rs.core.Response.fromResponse(r)
          .allow(e.getResponse().getAllowedMethods())
          .build();
    }
  }

  /** A body that is not the documented JSON, or that reached a limit of the parser. */
  static final class Json implements ExceptionMapper<JsonbException> {
    @Context UriInfo uri;
    @Context Configuration config;

    @Override
    public jakarta.ws.rs.core.Response toResponse(JsonbException e) {
      JsonLimit limit = JsonLimit.of(e);
      if (limit != null) {
        return limit.answer(CustomersResource.maxBodyBytes(config), null, path(uri));
      }
      return malformed(uri);
    }
  }

  /** Anything else: a 500 with no internals in it, unless a body reached a limit of the parser. */
  static final class Unexpected implements ExceptionMapper<RuntimeException> {
    @Context UriInfo uri;
    @Context Configuration config;

    @Override
    public jakarta.ws.rs.core.Response toResponse(RuntimeException e) {
      JsonLimit limit = JsonLimit.of(e);
      if (limit != null) {
        return limit.answer(CustomersResource.maxBodyBytes(config), null, path(uri));
      }
      if (e instanceof ProcessingException) {
        return malformed(uri);
      }
      LOG.log(Level.WARNING, "sandbox failure", e);
      return Problems.of(500, "Internal Server Error", "The sandbox failed.", path(uri));
    }
  }

  private static jakarta.ws.rs.core.Response malformed(UriInfo uri) {
    return malformed(path(uri));
  }

  /**
   * A body that is not JSON, or not the documented JSON: a 400. Not for a body that reached a limit
   * of the parser, which may be valid JSON ({@link JsonLimit}).
   */
  static jakarta.ws.rs.core.Response malformed(String path) {
    return Problems.of(
        400,
        "One or more validation errors occurred.",
        "The body is not valid JSON for this operation.",
        path,
        List.of("body: is not valid JSON for this operation"),
        null);
  }

  private static String path(UriInfo uri) {
    return uri == null ? null : uri.getRequestUri().getRawPath();
  }
}
