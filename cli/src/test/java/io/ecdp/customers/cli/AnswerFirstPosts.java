package io.ecdp.customers.cli;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answers the first {@code count} POSTs a sandbox receives with {@code status} (and {@code
 * Retry-After}, when given), and counts every POST.
 */
@PreMatching
@Priority(1)
final class AnswerFirstPosts implements ContainerRequestFilter {
  final AtomicInteger posts = new AtomicInteger();
  private final int count;
  private final int status;
  private final String retryAfter;

  AnswerFirstPosts(int count, int status, String retryAfter) {
    this.count = count;
    this.status = status;
    this.retryAfter = retryAfter;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (!request.getMethod().equals("POST") || posts.incrementAndGet() > count) {
      return;
    }
    Response.ResponseBuilder r =
        Response.status(status)
            .type("application/problem+json")
            .entity("{\"title\":\"try later\",\"status\":" + status + "}");
    if (retryAfter != null) {
      r.header("Retry-After", retryAfter);
    }
    request.abortWith(r.build());
  }
}
