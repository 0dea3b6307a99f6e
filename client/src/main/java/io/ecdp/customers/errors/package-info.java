/**
 * The exceptions of the client: {@link io.ecdp.customers.errors.EcdpServiceException} when the
 * server answered, {@link io.ecdp.customers.errors.EcdpClientException} when it did not or the
 * input was bad, and the problem document and violations they carry.
 *
 * <p>Nothing here is null unless marked {@code @Nullable}. The exceptions are serializable, but
 * their serialized form is not part of the API.
 *
 * @serial exclude
 */
@NullMarked
package io.ecdp.customers.errors;

import org.jspecify.annotations.NullMarked;
