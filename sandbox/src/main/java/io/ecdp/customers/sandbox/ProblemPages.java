package io.ecdp.customers.sandbox;

import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.http.server.ErrorPageGenerator;
import org.glassfish.grizzly.http.server.Request;

/**
 * Grizzly's error pages, as problem documents: what Grizzly answers itself (an error page for a
 * failure below Jersey, a 404 for a path no handler serves) is {@code application/problem+json}
 * like every other error of the sandbox, never Grizzly's HTML page. The details are the sandbox's,
 * never the failure's (no class names, no stack traces).
 */
final class ProblemPages implements ErrorPageGenerator {

  @Override
  public String generate(
      Request request, int status, String reasonPhrase, String description, Throwable exception) {
    // Grizzly writes the page through a Writer, which names a character set: UTF-8, which JSON is.
    request.getResponse().setContentType(Problems.PROBLEM_JSON_TYPE);
    request.getResponse().setCharacterEncoding(StandardCharsets.UTF_8.name());
    String detail =
        switch (status) {
          case 404 -> "No such resource.";
          case 413 -> "The body is larger than the sandbox accepts.";
          case 503 -> "The sandbox is stopping; the request was not processed.";
          default -> status >= 500 ? "The sandbox failed." : "The request was refused.";
        };
    String title = reasonPhrase == null || reasonPhrase.isBlank() ? "Error" : reasonPhrase;
    return new String(Problems.json(status, title, detail, null), StandardCharsets.UTF_8);
  }
}
