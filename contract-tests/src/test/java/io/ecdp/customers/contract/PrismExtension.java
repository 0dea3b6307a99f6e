package io.ecdp.customers.contract;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test the Prism to run against: the one named by the environment variable {@code
 * PRISM_URL} (e.g. a {@code stoplight/prism} container), or else one started from npm on the
 * project's spec, shared by every test of the run and stopped after the last.
 */
final class PrismExtension implements ParameterResolver {

  /** Where a test reaches Prism. */
  record Prism(URI uri, boolean external) {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Prism.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    String external = System.getenv("PRISM_URL");
    if (external != null && !external.isBlank()) {
      return new Prism(URI.create(external.replaceAll("/+$", "")), true);
    }
    Started started =
        context
            .getRoot()
            .getStore(ExtensionContext.Namespace.create(PrismExtension.class))
            .getOrComputeIfAbsent("prism", key -> Started.start(), Started.class);
    return new Prism(started.process.uri(), false);
  }

  /** The shared Prism; JUnit closes it when the run ends. */
  static final class Started implements AutoCloseable {
    private final PrismProcess process;

    private Started(PrismProcess process) {
      this.process = process;
    }

    static Started start() {
      try {
        return new Started(
            PrismProcess.start(Contract.spec(), Contract.target().resolve("prism/prism.log")));
      } catch (Exception e) {
        throw new IllegalStateException("cannot start Prism", e);
      }
    }

    @Override
    public void close() {
      process.close();
    }
  }

  static Path logDir() {
    return Contract.target().resolve("prism");
  }
}
