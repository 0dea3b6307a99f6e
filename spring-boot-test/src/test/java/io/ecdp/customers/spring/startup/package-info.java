/**
 * The starter's startup-cost harness (spring-boot-test/startup-cost.sh runs it), in a package of
 * its own so that no test's component scan finds its configurations.
 */
@NullMarked
package io.ecdp.customers.spring.startup;

import org.jspecify.annotations.NullMarked;
