package io.ecdp.customers;

import io.ecdp.customers.errors.EcdpException;
import io.ecdp.customers.errors.ValidationException;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The operations of {@link Customers}, run on the client's executor: the same methods, answered as
 * {@code CompletableFuture}s.
 *
 * <p>Arguments are checked at the call, on the caller's thread: a null argument throws {@link
 * NullPointerException} and input that breaks the spec's rules throws {@link ValidationException}
 * before a future exists. Failures of the call itself complete the future exceptionally with the
 * same {@link EcdpException}s the synchronous methods throw.
 *
 * <p>Thread-safe. Obtain it from {@link Customers#async()}.
 */
public final class AsyncCustomers {

  private final Operations operations;
  private final Executor executor;

  AsyncCustomers(Operations operations, Executor executor) {
    this.operations = operations;
    this.executor = executor;
  }

  /**
   * Sends a batch of customers; see {@link Customers#upsert(UpsertMode, MatchBy, List)}.
   *
   * @param mode what to do with each record
   * @param matchBy the identifying field
   * @param records the records, at least one
   * @return the answer, when it arrives
   * @throws ValidationException if a record breaks the spec's rules (nothing is sent)
   */
  public CompletableFuture<UpsertResult> upsert(
      UpsertMode mode, MatchBy matchBy, List<CustomerRecord> records) {
    return upsert(mode, matchBy, records, CallOptions.defaults());
  }

  /**
   * Sends a batch of customers; see {@link Customers#upsert(UpsertMode, MatchBy, List,
   * CallOptions)}.
   *
   * @param mode what to do with each record
   * @param matchBy the identifying field
   * @param records the records, at least one
   * @param options this call's timeout, headers and retry policy
   * @return the answer, when it arrives
   * @throws ValidationException if a record breaks the spec's rules (nothing is sent)
   */
  public CompletableFuture<UpsertResult> upsert(
      UpsertMode mode, MatchBy matchBy, List<CustomerRecord> records, CallOptions options) {
    return CompletableFuture.supplyAsync(
        operations.prepareUpsert(mode, matchBy, records, options), executor);
  }

  /**
   * Returns the customer with this key; see {@link Customers#get(CustomerKey)}.
   *
   * @param key the customer's ID, e-mail address, phone number or CRM ID
   * @return the answer, when it arrives
   */
  public CompletableFuture<GetResult> get(CustomerKey key) {
    return get(key, CallOptions.defaults());
  }

  /**
   * Returns the customer with this key; see {@link Customers#get(CustomerKey, CallOptions)}.
   *
   * @param key the customer's ID, e-mail address, phone number or CRM ID
   * @param options this call's timeout, headers and retry policy
   * @return the answer, when it arrives
   */
  public CompletableFuture<GetResult> get(CustomerKey key, CallOptions options) {
    return CompletableFuture.supplyAsync(operations.prepareGet(key, options), executor);
  }

  /**
   * Deletes the customer with this key; see {@link Customers#delete(CustomerKey)}.
   *
   * @param key the customer's ID, e-mail address, phone number or CRM ID
   * @return the answer, when it arrives
   */
  public CompletableFuture<DeleteResult> delete(CustomerKey key) {
    return delete(key, CallOptions.defaults());
  }

  /**
   * Deletes the customer with this key; see {@link Customers#delete(CustomerKey, CallOptions)}.
   *
   * @param key the customer's ID, e-mail address, phone number or CRM ID
   * @param options this call's timeout, headers and retry policy
   * @return the answer, when it arrives
   */
  public CompletableFuture<DeleteResult> delete(CustomerKey key, CallOptions options) {
    return CompletableFuture.supplyAsync(operations.prepareDelete(key, false, options), executor);
  }

  /**
   * Deletes the customer with this key and anonymizes its data; see {@link
   * Customers#deleteAndAnonymize(CustomerKey)}.
   *
   * @param key the customer's ID, e-mail address, phone number or CRM ID
   * @return the answer, when it arrives
   */
  public CompletableFuture<DeleteResult> deleteAndAnonymize(CustomerKey key) {
    return deleteAndAnonymize(key, CallOptions.defaults());
  }

  /**
   * Deletes the customer with this key and anonymizes its data; see {@link
   * Customers#deleteAndAnonymize(CustomerKey, CallOptions)}.
   *
   * @param key the customer's ID, e-mail address, phone number or CRM ID
   * @param options this call's timeout, headers and retry policy
   * @return the answer, when it arrives
   */
  public CompletableFuture<DeleteResult> deleteAndAnonymize(CustomerKey key, CallOptions options) {
    return CompletableFuture.supplyAsync(operations.prepareDelete(key, true, options), executor);
  }
}
