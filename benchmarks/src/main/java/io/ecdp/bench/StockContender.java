package io.ecdp.bench;

import io.ecdp.bench.stock.ApiClient;
import io.ecdp.bench.stock.api.CustomersApi;
import io.ecdp.bench.stock.model.Consent;
import io.ecdp.bench.stock.model.ConsentValue;
import io.ecdp.bench.stock.model.ConsentsData;
import io.ecdp.bench.stock.model.CustomAttribute;
import io.ecdp.bench.stock.model.CustomerRecord;
import io.ecdp.bench.stock.model.Gender;
import io.ecdp.bench.stock.model.MatchBy;
import io.ecdp.bench.stock.model.UpsertCustomersRequest;
import io.ecdp.bench.stock.model.UpsertMode;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The stock OpenAPI Generator java/jersey3 client with Jackson, generated from the same spec. */
final class StockContender implements Contender {

  private final CustomersApi api;
  private final Map<Integer, UpsertCustomersRequest> batches = new ConcurrentHashMap<>();

  StockContender(URI server) {
    ApiClient client = new ApiClient();
    client.setBasePath(server.toString());
    client.setApiKey(API_KEY);
    if (TIMEOUTS) {
      client.setConnectTimeout(CONNECT_TIMEOUT_MS);
      client.setReadTimeout(READ_TIMEOUT_MS);
    }
    api = new CustomersApi(client);
  }

  static UpsertCustomersRequest batch(int size) {
    List<CustomerRecord> records = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      records.add(
          new CustomerRecord()
              .email(Batches.email(i))
              .phone(Batches.phone(i))
              .crmId(Batches.crmId(i))
              .firstName(Batches.FIRST)
              .lastName(Batches.LAST)
              .dateOfBirth(OffsetDateTime.parse(Batches.BORN))
              .gender(Gender.NOT_SPECIFIED)
              .customAttributes(
                  List.of(
                      new CustomAttribute().name(Batches.ATTRIBUTE).value(Batches.ATTRIBUTE_VALUE)))
              .consentsData(
                  new ConsentsData()
                      .consents(List.of(new Consent().id(1).value(ConsentValue.TRUE)))));
    }
    return new UpsertCustomersRequest()
        .mode(UpsertMode.ADD_OR_UPDATE)
        .matchBy(MatchBy.EMAIL)
        .data(records);
  }

  /** The JSON body the stock client sends for a batch of {@code size}. */
  static byte[] requestBody(int size) throws Exception {
    return new io.ecdp.bench.stock.JSON().getMapper().writeValueAsBytes(batch(size));
  }

  @Override
  public Object getByEmail(String email) throws Exception {
    return api.getCustomerByEmail(email).getData().getCrmId();
  }

  @Override
  public void upsert(int size) throws Exception {
    api.upsertCustomers(batches.computeIfAbsent(size, StockContender::batch));
  }

  @Override
  public void close() {}
}
