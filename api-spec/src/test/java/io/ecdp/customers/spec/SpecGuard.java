package io.ecdp.customers.spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the spec's in-process guards: structure, examples against their schemas, and the facts of
 * the vendor's page. (Spectral and the breaking-change check run beside it, in their own tests.)
 */
public final class SpecGuard {

  private SpecGuard() {}

  /** Returns every finding of every in-process guard for the spec at {@code path}. */
  public static List<Finding> check(Path path) {
    SpecDocument spec = SpecDocument.read(path);
    List<Finding> findings = new ArrayList<>(StructureCheck.check(spec));
    findings.addAll(new ExampleValidator(spec).findings());
    findings.addAll(SeedFacts.load().check(spec));
    return findings;
  }
}
