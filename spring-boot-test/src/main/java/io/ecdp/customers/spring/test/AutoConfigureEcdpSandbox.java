package io.ecdp.customers.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Starts a Customers sandbox for the test's application context, on a free loopback port, and
 * points the auto-configured {@code CustomersClient} at it, whatever the {@code ecdp.customers.*}
 * properties say (no key is needed). The sandbox's {@code SandboxStore} and the {@code
 * CustomersSandbox} itself are beans: inject the store to seed customers or to assert on what was
 * stored. Each context gets its own sandbox, stopped when the context closes; a context the test
 * framework caches keeps its sandbox, and its customers, for the tests that share it.
 *
 * <p>Works with {@code @SpringBootTest} and with a context that holds only the client:
 *
 * <pre>{@code
 * @SpringBootTest(classes = ClientOnly.class)
 * @AutoConfigureEcdpSandbox
 * class CustomersTest {
 *   @Configuration
 *   @ImportAutoConfiguration(EcdpCustomersAutoConfiguration.class)
 *   static class ClientOnly {}
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureEcdpSandbox {}
