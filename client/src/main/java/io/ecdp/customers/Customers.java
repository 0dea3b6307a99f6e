package io.ecdp.customers;

import io.ecdp.customers.errors.EcdpException;
import io.ecdp.customers.errors.NotFoundException;
import io.ecdp.customers.errors.ValidationException;
import io.ecdp.customers.internal.ApiCall;
import io.ecdp.customers.internal.CallExecutor;
import io.ecdp.customers.internal.RecordValidator;
import io.ecdp.customers.internal.api.CustomersApi;
import io.ecdp.customers.model.CustomerDetails;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.CustomerResponse;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertCustomersRequest;
import io.ecdp.customers.model.UpsertMode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The operations on the customers of an account: add or update a batch, and read or delete one
 * customer by ID, e-mail address, phone number or CRM ID.
 *
 * <p><b>Not found</b> is an answer, not an error: a lookup returns an empty {@code Optional} and a
 * delete returns {@code false} when the server answers 404 with a problem document. (A 404 without
 * one, such as a proxy's HTML page for a wrong base URI, throws {@link NotFoundException}.)
 *
 * <p><b>Failures</b> throw an {@link EcdpException} subclass; bad input throws {@link
 * ValidationException} before anything is sent. The {@code ...Async} variants run the same call on
 * the client's executor and complete exceptionally with the same exceptions.
 *
 * <p>Thread-safe. Obtain it from {@link CustomersClient#customers()}.
 */
public final class Customers {

  private final CustomersApi api;
  private final CallExecutor calls;
  private final Executor executor;

  Customers(CustomersApi api, CallExecutor calls, Executor executor) {
    this.api = api;
    this.calls = calls;
    this.executor = executor;
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
   * @throws ValidationException if a record breaks the spec's rules (nothing was sent)
   * @throws EcdpException if the call fails
   */
  public void upsert(UpsertMode mode, MatchBy matchBy, List<CustomerRecord> records) {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(matchBy, "matchBy");
    Objects.requireNonNull(records, "records");
    RecordValidator.check("POST /customers", mode, matchBy, records);
    UpsertCustomersRequest request =
        UpsertCustomersRequest.builder().mode(mode).matchBy(matchBy).data(records).build();
    calls.execute(api.upsertCustomers(request));
  }

  /** Runs {@link #upsert} on the client's executor. */
  public CompletableFuture<Void> upsertAsync(
      UpsertMode mode, MatchBy matchBy, List<CustomerRecord> records) {
    return async(
        () -> {
          upsert(mode, matchBy, records);
          return null;
        });
  }

  /**
   * Returns the customer with the given numeric ID.
   *
   * @param id the customer's ID
   * @return the customer, or empty when there is none
   * @throws EcdpException if the call fails
   */
  public Optional<CustomerDetails> getById(int id) {
    return lookup(() -> api.getCustomerById(id));
  }

  /**
   * Returns the customer with the given e-mail address (sent percent-encoded, exactly as given).
   *
   * @param email the address
   * @return the customer, or empty when there is none
   * @throws ValidationException if the address breaks the spec's rules (empty, too long)
   * @throws EcdpException if the call fails
   */
  public Optional<CustomerDetails> getByEmail(String email) {
    Objects.requireNonNull(email, "email");
    return lookup(() -> api.getCustomerByEmail(email));
  }

  /**
   * Returns the customer with the given phone number, written without spaces (e.g. {@code
   * +48123456789}).
   *
   * @param phone the number
   * @return the customer, or empty when there is none
   * @throws ValidationException if the number holds whitespace or is too long
   * @throws EcdpException if the call fails
   */
  public Optional<CustomerDetails> getByPhone(String phone) {
    Objects.requireNonNull(phone, "phone");
    return lookup(() -> api.getCustomerByPhone(phone));
  }

  /**
   * Returns the customer with the given ID from your CRM.
   *
   * @param crmId the CRM ID
   * @return the customer, or empty when there is none
   * @throws ValidationException if the ID is empty or too long
   * @throws EcdpException if the call fails
   */
  public Optional<CustomerDetails> getByCrmId(String crmId) {
    Objects.requireNonNull(crmId, "crmId");
    return lookup(() -> api.getCustomerByCrmId(crmId));
  }

  /** Runs {@link #getById} on the client's executor. */
  public CompletableFuture<Optional<CustomerDetails>> getByIdAsync(int id) {
    return async(() -> getById(id));
  }

  /** Runs {@link #getByEmail} on the client's executor. */
  public CompletableFuture<Optional<CustomerDetails>> getByEmailAsync(String email) {
    return async(() -> getByEmail(email));
  }

  /** Runs {@link #getByPhone} on the client's executor. */
  public CompletableFuture<Optional<CustomerDetails>> getByPhoneAsync(String phone) {
    return async(() -> getByPhone(phone));
  }

  /** Runs {@link #getByCrmId} on the client's executor. */
  public CompletableFuture<Optional<CustomerDetails>> getByCrmIdAsync(String crmId) {
    return async(() -> getByCrmId(crmId));
  }

  /**
   * Deletes the customer with the given ID, without anonymization; see {@link #deleteById(int,
   * boolean)}.
   */
  public boolean deleteById(int id) {
    return deleteById(id, false);
  }

  /**
   * Deletes the customer with the given numeric ID.
   *
   * @param id the customer's ID
   * @param anonymize true to also anonymize the customer's data ({@code withAnonymization=true});
   *     false sends no parameter (the server's default, false)
   * @return true when deleted, false when there was no such customer
   * @throws EcdpException if the call fails
   */
  public boolean deleteById(int id, boolean anonymize) {
    return delete(() -> api.deleteCustomerById(id, anonymization(anonymize)));
  }

  /** Deletes the customer with the given e-mail address, without anonymization. */
  public boolean deleteByEmail(String email) {
    return deleteByEmail(email, false);
  }

  /**
   * Deletes the customer with the given e-mail address.
   *
   * @param email the address
   * @param anonymize true to also anonymize the customer's data
   * @return true when deleted, false when there was no such customer
   * @throws ValidationException if the address breaks the spec's rules
   * @throws EcdpException if the call fails
   */
  public boolean deleteByEmail(String email, boolean anonymize) {
    Objects.requireNonNull(email, "email");
    return delete(() -> api.deleteCustomerByEmail(email, anonymization(anonymize)));
  }

  /** Deletes the customer with the given phone number, without anonymization. */
  public boolean deleteByPhone(String phone) {
    return deleteByPhone(phone, false);
  }

  /**
   * Deletes the customer with the given phone number.
   *
   * @param phone the number, without spaces
   * @param anonymize true to also anonymize the customer's data
   * @return true when deleted, false when there was no such customer
   * @throws ValidationException if the number holds whitespace or is too long
   * @throws EcdpException if the call fails
   */
  public boolean deleteByPhone(String phone, boolean anonymize) {
    Objects.requireNonNull(phone, "phone");
    return delete(() -> api.deleteCustomerByPhone(phone, anonymization(anonymize)));
  }

  /** Deletes the customer with the given CRM ID, without anonymization. */
  public boolean deleteByCrmId(String crmId) {
    return deleteByCrmId(crmId, false);
  }

  /**
   * Deletes the customer with the given CRM ID (the vendor's page spells this path {@code
   * /customers/crmid/}; the server matches either spelling).
   *
   * @param crmId the CRM ID
   * @param anonymize true to also anonymize the customer's data
   * @return true when deleted, false when there was no such customer
   * @throws ValidationException if the ID is empty or too long
   * @throws EcdpException if the call fails
   */
  public boolean deleteByCrmId(String crmId, boolean anonymize) {
    Objects.requireNonNull(crmId, "crmId");
    return delete(() -> api.deleteCustomerByCrmId(crmId, anonymization(anonymize)));
  }

  /** Runs {@link #deleteById(int, boolean)} on the client's executor. */
  public CompletableFuture<Boolean> deleteByIdAsync(int id, boolean anonymize) {
    return async(() -> deleteById(id, anonymize));
  }

  /** Runs {@link #deleteByEmail(String, boolean)} on the client's executor. */
  public CompletableFuture<Boolean> deleteByEmailAsync(String email, boolean anonymize) {
    return async(() -> deleteByEmail(email, anonymize));
  }

  /** Runs {@link #deleteByPhone(String, boolean)} on the client's executor. */
  public CompletableFuture<Boolean> deleteByPhoneAsync(String phone, boolean anonymize) {
    return async(() -> deleteByPhone(phone, anonymize));
  }

  /** Runs {@link #deleteByCrmId(String, boolean)} on the client's executor. */
  public CompletableFuture<Boolean> deleteByCrmIdAsync(String crmId, boolean anonymize) {
    return async(() -> deleteByCrmId(crmId, anonymize));
  }

  private Optional<CustomerDetails> lookup(Supplier<ApiCall<CustomerResponse>> call) {
    ApiCall<CustomerResponse> request = call.get();
    try {
      return Optional.ofNullable(calls.execute(request).getData());
    } catch (NotFoundException e) {
      if (e.problem().isPresent()) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private boolean delete(Supplier<ApiCall<Void>> call) {
    ApiCall<Void> request = call.get();
    try {
      calls.execute(request);
      return true;
    } catch (NotFoundException e) {
      if (e.problem().isPresent()) {
        return false;
      }
      throw e;
    }
  }

  private static Boolean anonymization(boolean anonymize) {
    return anonymize ? Boolean.TRUE : null;
  }

  private <T> CompletableFuture<T> async(Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, executor);
  }
}
