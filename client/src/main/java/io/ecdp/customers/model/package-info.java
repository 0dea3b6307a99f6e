/**
 * The models users build and read, generated from the spec: {@link
 * io.ecdp.customers.model.CustomerRecord} (sent), {@link io.ecdp.customers.model.CustomerDetails}
 * (read), their parts and the expandable enums.
 *
 * <p>Every model field may be absent and its accessor then returns null, as its {@code @Nullable}
 * type says; nothing else here is null.
 */
@NullMarked
package io.ecdp.customers.model;

import org.jspecify.annotations.NullMarked;
