package io.ecdp.customers.cli;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts what a sandbox answers to POSTs: every answer, and the {@code 429}s (its injected faults'
 * too: a response filter sees the answers of aborted requests).
 */
final class CountAnswers implements ContainerResponseFilter {
  final AtomicInteger posts = new AtomicInteger();
  final AtomicInteger rateLimited = new AtomicInteger();

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getMethod().equals("POST")) {
      posts.incrementAndGet();
      if (response.getStatus() == 429) {
        rateLimited.incrementAndGet();
      }
    }
  }
}
