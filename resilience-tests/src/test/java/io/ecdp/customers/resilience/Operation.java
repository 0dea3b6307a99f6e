package io.ecdp.customers.resilience;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.Customers;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.util.List;
import java.util.function.Consumer;

/** The nine operations, called with values that hold personal data (so leaks would show). */
@SuppressWarnings("ImmutableEnumChecker") // each call is a lambda that captures nothing
enum Operation {
  UPSERT(
      false,
      true,
      c ->
          c.upsert(
              UpsertMode.ADD,
              MatchBy.EMAIL,
              List.of(CustomerRecord.builder().email(Secrets.EMAIL).phone(Secrets.PHONE).build()))),
  GET_BY_ID(true, false, c -> c.get(CustomerKey.id(12))),
  GET_BY_EMAIL(true, false, c -> c.get(CustomerKey.email(Secrets.EMAIL))),
  GET_BY_PHONE(true, false, c -> c.get(CustomerKey.phone(Secrets.PHONE))),
  GET_BY_CRM_ID(true, false, c -> c.get(CustomerKey.crmId("57"))),
  DELETE_BY_ID(true, true, c -> c.deleteAndAnonymize(CustomerKey.id(12))),
  DELETE_BY_EMAIL(true, true, c -> c.delete(CustomerKey.email(Secrets.EMAIL))),
  DELETE_BY_PHONE(true, true, c -> c.deleteAndAnonymize(CustomerKey.phone(Secrets.PHONE))),
  DELETE_BY_CRM_ID(true, true, c -> c.delete(CustomerKey.crmId("57")));

  final boolean idempotent;
  final boolean voidResult;
  final Consumer<Customers> call;

  Operation(boolean idempotent, boolean voidResult, Consumer<Customers> call) {
    this.idempotent = idempotent;
    this.voidResult = voidResult;
    this.call = call;
  }
}
