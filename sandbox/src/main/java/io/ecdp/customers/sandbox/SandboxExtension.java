package io.ecdp.customers.sandbox;

import io.ecdp.customers.CustomersClient;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a JUnit 5 test a started sandbox and a client pointed at it: declare parameters of type
 * {@link CustomersSandbox} or {@link CustomersClient}. One sandbox serves the test class; its store
 * is emptied before each test, and each test's client is closed after it.
 *
 * <pre>{@code
 * @ExtendWith(SandboxExtension.class)
 * class BillingTest {
 *   @Test
 *   void syncsCustomers(CustomersClient client, CustomersSandbox sandbox) { ... }
 * }
 * }</pre>
 */
public final class SandboxExtension
    implements ParameterResolver, BeforeEachCallback, AfterEachCallback {

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(SandboxExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == CustomersSandbox.class || type == CustomersClient.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    CustomersSandbox sandbox = sandbox(context);
    if (parameter.getParameter().getType() == CustomersSandbox.class) {
      return sandbox;
    }
    return context
        .getStore(NS)
        .getOrComputeIfAbsent(
            "client", k -> new ClosingClient(sandbox.client()), ClosingClient.class)
        .client;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    sandbox(context).store().clear();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    ClosingClient client = context.getStore(NS).remove("client", ClosingClient.class);
    if (client != null) {
      client.close();
    }
  }

  private static CustomersSandbox sandbox(ExtensionContext context) {
    ExtensionContext classContext =
        context.getTestClass().isPresent()
                && context.getParent().isPresent()
                && context.getTestMethod().isPresent()
            ? context.getParent().get()
            : context;
    return classContext
        .getStore(NS)
        .getOrComputeIfAbsent(
            "sandbox",
            k -> new ClosingSandbox(CustomersSandbox.builder().start()),
            ClosingSandbox.class)
        .sandbox;
  }

  private record ClosingSandbox(CustomersSandbox sandbox) implements AutoCloseable {
    @Override
    public void close() {
      sandbox.close();
    }
  }

  private record ClosingClient(CustomersClient client) implements AutoCloseable {
    @Override
    public void close() {
      client.close();
    }
  }
}
