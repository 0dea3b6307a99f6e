package io.ecdp.customers;

import io.ecdp.customers.errors.EcdpException;
import io.ecdp.customers.internal.Answer;
import io.ecdp.customers.internal.ApiCall;
import io.ecdp.customers.internal.CallEvents;
import io.ecdp.customers.internal.CallExecutor;
import io.ecdp.customers.internal.RecordValidator;
import io.ecdp.customers.internal.RequestFactory;
import io.ecdp.customers.internal.api.CustomersApi;
import io.ecdp.customers.internal.http.HttpRequest;
import io.ecdp.customers.internal.model.CustomerResponse;
import io.ecdp.customers.internal.model.UpsertCustomersRequest;
import io.ecdp.customers.model.CustomerDetails;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The one core of {@link Customers} and {@link AsyncCustomers}: each operation is checked and
 * prepared on the caller's thread ({@code prepare*}), then run wherever the view runs it.
 */
final class Operations {

  private final RequestFactory requests;
  private final CallExecutor calls;
  private final CallEvents events;
  private final RetryPolicy retryPolicy;
  private final Duration callTimeout;
  private final AtomicBoolean closed;

  Operations(
      RequestFactory requests,
      CallExecutor calls,
      CallEvents events,
      RetryPolicy retryPolicy,
      Duration callTimeout,
      AtomicBoolean closed) {
    this.requests = requests;
    this.calls = calls;
    this.events = events;
    this.retryPolicy = retryPolicy;
    this.callTimeout = callTimeout;
    this.closed = closed;
  }

  /** Refuses a call on a closed client: a programmer's error, as with any closed resource. */
  private void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("the client is closed");
    }
  }

  Supplier<UpsertResult> prepareUpsert(
      UpsertMode mode, MatchBy matchBy, List<CustomerRecord> records, CallOptions options) {
    checkOpen();
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(matchBy, "matchBy");
    Objects.requireNonNull(records, "records");
    Objects.requireNonNull(options, "options");
    RecordValidator.check("POST /customers", mode, matchBy, records);
    ApiCall<Void> call =
        CustomersApi.upsertCustomers(
            UpsertCustomersRequest.builder().mode(mode).matchBy(matchBy).data(records).build());
    HttpRequest request = requests.request(call, options.headers());
    int count = records.size();
    CallEvents.Trace trace = events.start(call, count);
    return () ->
        run(
            call,
            request,
            options,
            false,
            trace,
            answer -> new UpsertResult(count, metadata(answer)));
  }

  Supplier<GetResult> prepareGet(CustomerKey key, CallOptions options) {
    checkOpen();
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(options, "options");
    ApiCall<CustomerResponse> call =
        switch (key.kind()) {
          case ID -> CustomersApi.getCustomerById(Integer.valueOf(key.value()));
          case EMAIL -> CustomersApi.getCustomerByEmail(key.value());
          case PHONE -> CustomersApi.getCustomerByPhone(key.value());
          case CRM_ID -> CustomersApi.getCustomerByCrmId(key.value());
        };
    HttpRequest request = requests.request(call, options.headers());
    CallEvents.Trace trace = events.start(call, -1);
    return () ->
        run(
            call,
            request,
            options,
            true,
            trace,
            answer -> {
              if (!answer.found()) {
                return new GetResult(null, metadata(answer));
              }
              CustomerResponse body = answer.body();
              CustomerDetails customer = body == null ? null : body.data();
              if (customer == null) {
                throw calls.unexpected(call, answer, " without the customer in data");
              }
              return new GetResult(customer, metadata(answer));
            });
  }

  Supplier<DeleteResult> prepareDelete(CustomerKey key, boolean anonymize, CallOptions options) {
    checkOpen();
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(options, "options");
    Boolean flag = anonymize ? Boolean.TRUE : null;
    ApiCall<Void> call =
        switch (key.kind()) {
          case ID -> CustomersApi.deleteCustomerById(Integer.valueOf(key.value()), flag);
          case EMAIL -> CustomersApi.deleteCustomerByEmail(key.value(), flag);
          case PHONE -> CustomersApi.deleteCustomerByPhone(key.value(), flag);
          case CRM_ID -> CustomersApi.deleteCustomerByCrmId(key.value(), flag);
        };
    HttpRequest request = requests.request(call, options.headers());
    CallEvents.Trace trace = events.start(call, -1);
    return () ->
        run(
            call,
            request,
            options,
            true,
            trace,
            answer -> new DeleteResult(answer.found(), metadata(answer)));
  }

  /**
   * Runs a prepared call with its options, or the client's, and makes its result; tells its trace
   * (if any) of the call's end once the result, or the exception the caller gets, is known.
   */
  private <T, R> R run(
      ApiCall<T> call,
      HttpRequest request,
      CallOptions options,
      boolean notFoundIsAnswer,
      CallEvents.@Nullable Trace trace,
      Function<Answer<T>, R> result)
      throws EcdpException {
    if (trace == null) {
      checkOpen(); // queued before the client closed, run after
      return result.apply(execute(call, request, options, notFoundIsAnswer, null));
    }
    R made;
    try {
      checkOpen();
      made = result.apply(execute(call, request, options, notFoundIsAnswer, trace));
    } catch (RuntimeException e) {
      trace.callEnded(e);
      throw e;
    }
    trace.callEnded(null);
    return made;
  }

  private <T> Answer<T> execute(
      ApiCall<T> call,
      HttpRequest request,
      CallOptions options,
      boolean notFoundIsAnswer,
      CallEvents.@Nullable Trace trace) {
    return calls.execute(
        call,
        request,
        options.retryPolicy().orElse(retryPolicy),
        options.timeout().orElse(callTimeout),
        notFoundIsAnswer,
        trace);
  }

  private static ResponseMetadata metadata(Answer<?> answer) {
    return new ResponseMetadata(answer.status(), answer.headers(), answer.requestId());
  }
}
