package io.ecdp.customers;

import io.ecdp.customers.errors.BadRequestException;
import io.ecdp.customers.errors.EcdpException;
import io.ecdp.customers.errors.NotFoundException;
import io.ecdp.customers.errors.UnexpectedResponseException;
import io.ecdp.customers.errors.ValidationException;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The operations on the customers of an account: add or update a batch, and read or delete one
 * customer identified by a {@link CustomerKey}.
 *
 * <p>Each operation has a short form and one that takes {@link CallOptions} (a timeout, headers or
 * a retry policy for this call); the short form uses the client's. Each returns an {@code
 * ...Result} with what the server answered and its {@link ResponseMetadata}. {@link #async()}
 * offers the same operations as {@code CompletableFuture}s.
 *
 * <p><b>Not found</b> is an answer, not an error: a lookup finds no customer and a delete deletes
 * none when the server answers 404 with a problem document. (A 404 without one, such as a proxy's
 * page for a wrong base URI, throws {@link NotFoundException}.)
 *
 * <p><b>Failures</b> throw an {@link EcdpException} subclass; bad input throws {@link
 * ValidationException} before anything is sent.
 *
 * <p>Thread-safe. Obtain it from {@link CustomersClient#customers()}.
 */
public final class Customers {

  private final Operations operations;
  private final AsyncCustomers async;

  Customers(Operations operations, Executor executor) {
    this.operations = operations;
    this.async = new AsyncCustomers(operations, executor);
  }

  /**
   * Returns the same operations, run on the client's executor and answered as {@code
   * CompletableFuture}s.
   *
   * @return the asynchronous view
   */
  public AsyncCustomers async() {
    return async;
  }

  /**
   * Sends a batch of customers with the client's options; see {@link #upsert(UpsertMode, MatchBy,
   * List, CallOptions)}.
   *
   * @param mode what to do with each record
   * @param matchBy the identifying field
   * @param records the records, at least one
   * @return the answer
   * @throws ValidationException if a record breaks the spec's rules (nothing was sent)
   * @throws EcdpException if the call fails
   */
  public UpsertResult upsert(UpsertMode mode, MatchBy matchBy, List<CustomerRecord> records) {
    return upsert(mode, matchBy, records, CallOptions.defaults());
  }

  /**
   * Sends a batch of customers: {@code Add} creates customers that must be new, {@code Update}
   * changes customers already on the platform (fields not set are kept), {@code AddOrUpdate} does
   * either. {@code matchBy} names the field that identifies each customer; for {@code Email},
   * {@code PhoneNumber} and {@code CrmId} it must be set in every record.
   *
   * <p>Every record is checked first; a {@link ValidationException} lists every violation (record
   * index, field, rule) and nothing is sent. A POST is retried only when it certainly did not reach
   * the server or the server asked for a retry. A batch the server refuses throws {@link
   * BadRequestException}, whose {@link BadRequestException#violations()} name the refused records.
   *
   * @param mode what to do with each record
   * @param matchBy the identifying field
   * @param records the records, at least one
   * @param options this call's timeout, headers and retry policy
   * @return the answer
   * @throws ValidationException if a record breaks the spec's rules (nothing was sent)
   * @throws EcdpException if the call fails
   */
  public UpsertResult upsert(
      UpsertMode mode, MatchBy matchBy, List<CustomerRecord> records, CallOptions options) {
    return operations.prepareUpsert(mode, matchBy, records, options).get();
  }

  /**
   * Returns the customer with this key, with the client's options; see {@link #get(CustomerKey,
   * CallOptions)}.
   *
   * @param key the customer's ID, e-mail address, phone number or CRM ID
   * @return the answer: the customer, or none
   * @throws EcdpException if the call fails
   */
  public GetResult get(CustomerKey key) {
    return get(key, CallOptions.defaults());
  }

  /**
   * Returns the customer with this key (its value sent percent-encoded, exactly as given).
   *
   * @param key the customer's ID, e-mail address, phone number or CRM ID
   * @param options this call's timeout, headers and retry policy
   * @return the answer: the customer, or none when the server has no such customer
   * @throws UnexpectedResponseException if the server answers 200 without a customer in {@code
   *     data}
   * @throws EcdpException if the call fails
   */
  public GetResult get(CustomerKey key, CallOptions options) {
    return operations.prepareGet(key, options).get();
  }

  /**
   * Deletes the customer with this key, with the client's options; see {@link #delete(CustomerKey,
   * CallOptions)}.
   *
   * @param key the customer's ID, e-mail address, phone number or CRM ID
   * @return the answer: whether a customer was deleted
   * @throws EcdpException if the call fails
   */
  public DeleteResult delete(CustomerKey key) {
    return delete(key, CallOptions.defaults());
  }

  /**
   * Deletes the customer with this key, without anonymizing its data (no {@code withAnonymization}
   * is sent; the spec's default is {@code false}).
   *
   * @param key the customer's ID, e-mail address, phone number or CRM ID
   * @param options this call's timeout, headers and retry policy
   * @return the answer: whether a customer was deleted (false when there was no such customer)
   * @throws EcdpException if the call fails
   */
  public DeleteResult delete(CustomerKey key, CallOptions options) {
    return operations.prepareDelete(key, false, options).get();
  }

  /**
   * Deletes the customer with this key and anonymizes its data, with the client's options; see
   * {@link #deleteAndAnonymize(CustomerKey, CallOptions)}.
   *
   * @param key the customer's ID, e-mail address, phone number or CRM ID
   * @return the answer: whether a customer was deleted
   * @throws EcdpException if the call fails
   */
  public DeleteResult deleteAndAnonymize(CustomerKey key) {
    return deleteAndAnonymize(key, CallOptions.defaults());
  }

  /**
   * Deletes the customer with this key and anonymizes its data ({@code withAnonymization=true}).
   *
   * @param key the customer's ID, e-mail address, phone number or CRM ID
   * @param options this call's timeout, headers and retry policy
   * @return the answer: whether a customer was deleted (false when there was no such customer)
   * @throws EcdpException if the call fails
   */
  public DeleteResult deleteAndAnonymize(CustomerKey key, CallOptions options) {
    return operations.prepareDelete(key, true, options).get();
  }
}
