package io.ecdp.customers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.CustomersClient;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.glassfish.jersey.internal.inject.InjectionManager;
import org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable;
import org.glassfish.jersey.server.spi.ComponentProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox starts and serves beside whatever Jersey extensions the application's class path
 * holds: a component provider (jersey-spring6's, registered through META-INF/services, wants a
 * Spring XML context the sandbox does not have) and a forced auto-discoverable, here ones that fail
 * as soon as Jersey calls them. The switches for feature auto-discovery do not stop either.
 */
class SandboxBesideJerseyExtensionsTest {

  @Test
  void foreignComponentProviderAndForcedFeature_onTheClassPath_sandboxAndClientWork(
      @TempDir Path dir) throws IOException {
    Path services = Files.createDirectories(dir.resolve("META-INF/services"));
    Files.writeString(
        services.resolve(ComponentProvider.class.getName()),
        FailingComponentProvider.class.getName() + "\n",
        StandardCharsets.UTF_8);
    Files.writeString(
        services.resolve(ForcedAutoDiscoverable.class.getName()),
        FailingForcedFeature.class.getName() + "\n",
        StandardCharsets.UTF_8);
    Thread thread = Thread.currentThread();
    ClassLoader original = thread.getContextClassLoader();
    try (URLClassLoader application =
        new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      thread.setContextClassLoader(application);
      try (CustomersSandbox sandbox = CustomersSandbox.builder().start();
          CustomersClient client = sandbox.client()) {
        assertThat(client.customers().get(CustomerKey.email("nobody@example.com")).customer())
            .isEmpty();
      } finally {
        thread.setContextClassLoader(original);
      }
    }
  }

  /** Fails as jersey-spring6's provider does without a Spring XML context. */
  public static final class FailingComponentProvider implements ComponentProvider {
    @Override
    public void initialize(InjectionManager injectionManager) {
      throw new IllegalStateException(
          "IOException parsing XML document from class path resource [applicationContext.xml]");
    }

    @Override
    public boolean bind(Class<?> component, Set<Class<?>> providerContracts) {
      return false;
    }

    @Override
    public void done() {}
  }

  /**
   * A forced feature of the application's own server: in a server runtime, it answers every request
   * 418 (as an authentication filter of the application's would answer 401).
   */
  public static final class FailingForcedFeature implements ForcedAutoDiscoverable {
    @Override
    public void configure(jakarta.ws.rs.core.FeatureContext context) {
      if (context.getConfiguration().getRuntimeType() == jakarta.ws.rs.RuntimeType.SERVER) {
        context.register(
            (jakarta.ws.rs.container.ContainerRequestFilter)
                request -> request.abortWith(jakarta.ws.rs.core.Response.status(418).build()));
      }
    }
  }
}
