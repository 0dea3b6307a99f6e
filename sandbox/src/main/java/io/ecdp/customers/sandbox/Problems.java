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
}
