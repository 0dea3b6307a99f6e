/**
 * Test support for Spring applications that use the starter: {@link
 * io.ecdp.customers.spring.test.AutoConfigureEcdpSandbox} starts a sandbox for each test context,
 * points the auto-configured client at it through {@link
 * io.ecdp.customers.spring.EcdpCustomersConnectionDetails}, and makes its {@link
 * io.ecdp.customers.sandbox.SandboxStore} injectable.
 *
 * <p>Nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.ecdp.customers.spring.test;

import org.jspecify.annotations.NullMarked;
