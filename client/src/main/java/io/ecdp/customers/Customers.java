package io.ecdp.customers;

import io.ecdp.customers.errors.EcdpException;
import io.ecdp.customers.errors.NotFoundException;
import io.ecdp.customers.errors.UnexpectedResponseException;
import io.ecdp.customers.errors.ValidationException;
import io.ecdp.customers.internal.ApiCall;
import io.ecdp.customers.internal.CallExecutor;
import io.ecdp.customers.internal.CallExecutor.Answer;
import io.ecdp.customers.internal.ErrorContext;
import io.ecdp.customers.internal.Failures;
import io.ecdp.customers.internal.RecordValidator;
import io.ecdp.customers.internal.api.CustomersApi;
import io.ecdp.customers.internal.model.CustomerResponse;
import io.ecdp.customers.internal.model.UpsertCustomersRequest;
import io.ecdp.customers.model.CustomerDetails;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The operations on the customers of an account: add or update a batch, and read or delete one
 * customer identified by a {@link CustomerKey}.
 *
 * <p>Each operation has a short form and one that takes {@link CallOptions} (a timeout, headers or
 * a retry policy for this call); the short forms use the client's. Each returns what the server
 * answered with its {@link ResponseMetadata}. {@link #async()} offers the same operations as {@code
 * CompletableFuture}s.
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

  private final CustomersApi api;
  private final CallExecutor calls;
  private final AsyncCustomers async;

  Customers(CustomersApi api, CallExecutor calls, java.util.concurrent.Executor executor) {
    this.api = api;
    this.calls = calls;
    this.async = new AsyncCustomers(this, executor);
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
   * the server or the server asked for a retry.
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
    return upserted(upsertCall(mode, matchBy, records, options), records.size(), options);
  }

  UpsertResult upserted(ApiCall<Void> call, int records, CallOptions options) {
    return new UpsertResult(records, metadata(calls.execute(call, options)));
  }

  /** Checks the arguments of an upsert and builds its request, before anything is sent. */
  ApiCall<Void> upsertCall(
      UpsertMode mode, MatchBy matchBy, List<CustomerRecord> records, CallOptions options) {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(matchBy, "matchBy");
    Objects.requireNonNull(records, "records");
    Objects.requireNonNull(options, "options");
    RecordValidator.check("POST /customers", mode, matchBy, records);
    return api.upsertCustomers(
        UpsertCustomersRequest.builder().mode(mode).matchBy(matchBy).data(records).build());
  }

  /**
   * Returns the customer with this key, with the client's options.
   *
   * @param key the customer's ID, e-mail address, phone number or CRM ID
   * @return the answer: the customer, or none
   * @throws EcdpException if the call fails
   */
  public CustomerLookup get(CustomerKey key) {
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
  public CustomerLookup get(CustomerKey key, CallOptions options) {
    return lookup(getCall(key, options), options);
  }

  CustomerLookup lookup(ApiCall<CustomerResponse> call, CallOptions options) {
    try {
      Answer<CustomerResponse> answer = calls.execute(call, options);
      CustomerResponse body = answer.body();
      CustomerDetails customer = body == null ? null : body.data();
      if (customer == null) {
        throw Failures.create()
            .unexpected(
                new ErrorContext(
                    call + ": " + answer.status() + " without the customer in data",
                    answer.status(),
                    null,
                    answer.requestId(),
                    answer.headers(),
                    call.method(),
                    call.pathTemplate(),
                    null,
                    null));
      }
      return new CustomerLookup(customer, metadata(answer));
    } catch (NotFoundException e) {
      if (e.problem().isPresent()) {
        return new CustomerLookup(null, metadata(e.status(), e.headers()));
      }
      throw e;
    }
  }

  /** Checks the arguments of a lookup and builds its request, before anything is sent. */
  ApiCall<CustomerResponse> getCall(CustomerKey key, CallOptions options) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(options, "options");
    return switch (key.kind()) {
      case ID -> api.getCustomerById(Integer.valueOf(key.value()));
      case EMAIL -> api.getCustomerByEmail(key.value());
      case PHONE -> api.getCustomerByPhone(key.value());
      case CRM_ID -> api.getCustomerByCrmId(key.value());
    };
  }

  /**
   * Deletes the customer with this key, without anonymization, with the client's options.
   *
   * @param key the customer's ID, e-mail address, phone number or CRM ID
   * @return the answer: whether a customer was deleted
   * @throws EcdpException if the call fails
   */
  public CustomerDeletion delete(CustomerKey key) {
    return delete(key, Anonymization.NONE, CallOptions.defaults());
  }

  /**
   * Deletes the customer with this key, with the client's options.
   *
   * @param key the customer's ID, e-mail address, phone number or CRM ID
   * @param anonymization whether to also anonymize the customer's data
   * @return the answer: whether a customer was deleted
   * @throws EcdpException if the call fails
   */
  public CustomerDeletion delete(CustomerKey key, Anonymization anonymization) {
    return delete(key, anonymization, CallOptions.defaults());
  }

  /**
   * Deletes the customer with this key.
   *
   * @param key the customer's ID, e-mail address, phone number or CRM ID
   * @param anonymization whether to also anonymize the customer's data ({@code
   *     withAnonymization=true}); {@link Anonymization#NONE} sends no parameter
   * @param options this call's timeout, headers and retry policy
   * @return the answer: whether a customer was deleted (false when there was no such customer)
   * @throws EcdpException if the call fails
   */
  public CustomerDeletion delete(
      CustomerKey key, Anonymization anonymization, CallOptions options) {
    return deletion(deleteCall(key, anonymization, options), options);
  }

  CustomerDeletion deletion(ApiCall<Void> call, CallOptions options) {
    try {
      return new CustomerDeletion(true, metadata(calls.execute(call, options)));
    } catch (NotFoundException e) {
      if (e.problem().isPresent()) {
        return new CustomerDeletion(false, metadata(e.status(), e.headers()));
      }
      throw e;
    }
  }

  /** Checks the arguments of a delete and builds its request, before anything is sent. */
  ApiCall<Void> deleteCall(CustomerKey key, Anonymization anonymization, CallOptions options) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(anonymization, "anonymization");
    Objects.requireNonNull(options, "options");
    Boolean anonymize = anonymization == Anonymization.ANONYMIZE ? Boolean.TRUE : null;
    return switch (key.kind()) {
      case ID -> api.deleteCustomerById(Integer.valueOf(key.value()), anonymize);
      case EMAIL -> api.deleteCustomerByEmail(key.value(), anonymize);
      case PHONE -> api.deleteCustomerByPhone(key.value(), anonymize);
      case CRM_ID -> api.deleteCustomerByCrmId(key.value(), anonymize);
    };
  }

  private static ResponseMetadata metadata(Answer<?> answer) {
    return new ResponseMetadata(answer.status(), answer.headers(), answer.requestId());
  }

  private static ResponseMetadata metadata(int status, Map<String, String> headers) {
    return new ResponseMetadata(status, headers, headers.get(CallExecutor.REQUEST_ID));
  }
}
