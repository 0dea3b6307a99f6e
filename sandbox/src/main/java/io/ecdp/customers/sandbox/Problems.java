package io.ecdp.customers.sandbox;

import io.ecdp.customers.internal.model.Problem;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Builds the sandbox's error answers: always {@code application/problem+json}. */
final class Problems {

  /** The media type of every error. */
  static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");

  /** The substatus the vendor's page shows on DELETE errors. */
  static final String DELETE_SUBSTATUS = "CustomerInvalidModelState";

  private Problems() {}

  static Response of(
      int status,
      String title,
      String detail,
      String instance,
      List<String> errors,
      String substatus) {
    Problem problem =
        Problem.builder()
            .type("https://api.ecdp.app/problems/" + status)
            .title(title)
            .status(status)
            .detail(detail)
            .instance(instance)
            .errors(errors == null || errors.isEmpty() ? null : errors)
            .substatus(substatus)
            .build();
    return Response.status(status).type(PROBLEM_JSON).entity(problem).build();
  }

  static Response of(int status, String title, String detail, String instance) {
    return of(status, title, detail, instance, null, null);
  }

  /** The media type of every error, as a header value. */
  static final String PROBLEM_JSON_TYPE = "application/problem+json";

  /**
   * A problem document as bytes, for the answers the sandbox writes below Jakarta REST (refusals of
   * the HTTP layer, Grizzly's own errors): the same members as {@link #of}.
   */
  static byte[] json(int status, String title, String detail, String instance) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(256);
    try (jakarta.json.stream.JsonGenerator g =
        SandboxJsonP.GENERATORS.createGenerator(out, java.nio.charset.StandardCharsets.UTF_8)) {
      g.writeStartObject()
          .write("type", "https://api.ecdp.app/problems/" + status)
          .write("title", title)
          .write("status", status);
      if (detail != null) {
        g.write("detail", detail);
      }
      if (instance != null) {
        g.write("instance", instance);
      }
      g.writeEnd();
    }
    return out.toByteArray();
  }
}
