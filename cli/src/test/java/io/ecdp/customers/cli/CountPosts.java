package io.ecdp.customers.cli;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the POSTs a sandbox receives, as they arrive (before its injected latency or faults). */
@PreMatching
@Priority(1)
final class CountPosts implements ContainerRequestFilter {
  private final AtomicInteger posts;

  CountPosts(AtomicInteger posts) {
    this.posts = posts;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getMethod().equals("POST")) {
      posts.incrementAndGet();
    }
  }
}
