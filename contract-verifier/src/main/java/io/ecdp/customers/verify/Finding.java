package io.ecdp.customers.verify;

/**
 * Describes one way the live service differs from the spec or the pact, with personal data masked.
 *
 * @param severity whether the client can still rely on the answer
 * @param interaction the pact interaction or probe whose exchange showed it
 * @param rule what is checked, such as {@code pact} or {@code validation.response.body.schema.type}
 * @param location where the spec states it, as a JSON pointer into {@code openapi.yaml}
 * @param expected what the spec or the pact expects
 * @param actual what the service answered
 */
public record Finding(
    Severity severity,
    String interaction,
    String rule,
    String location,
    String expected,
    String actual) {}
