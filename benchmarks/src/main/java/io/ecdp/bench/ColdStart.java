package io.ecdp.bench;

import java.net.URI;

/** One cold start: a fresh JVM creates a contender and completes its first call, then exits. */
public final class ColdStart {

  private ColdStart() {}

  /** Arguments: the contender, the server's URI. */
  public static void main(String[] args) throws Exception {
    try (Contender c = Contender.Kind.valueOf(args[0]).create(URI.create(args[1]))) {
      if (c.getByEmail("adam@poczta.pl") == null) {
        throw new IllegalStateException("no answer");
      }
    }
    System.exit(0);
  }
}
