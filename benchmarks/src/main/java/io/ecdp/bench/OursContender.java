package io.ecdp.bench;

import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.RetryPolicy;
import io.ecdp.customers.model.Consent;
import io.ecdp.customers.model.ConsentValue;
import io.ecdp.customers.model.ConsentsData;
import io.ecdp.customers.model.CustomAttribute;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.Gender;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** This project's client. */
final class OursContender implements Contender {

  private final CustomersClient client;
  private final Map<Integer, List<CustomerRecord>> batches = new ConcurrentHashMap<>();

  OursContender(URI server) {
    client =
        CustomersClient.builder()
            .apiKey(API_KEY)
            .baseUri(server)
            .retryPolicy(RetryPolicy.none())
            .build();
  }

  static List<CustomerRecord> batch(int size) {
    List<CustomerRecord> records = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      records.add(
          CustomerRecord.builder()
              .email(Batches.email(i))
              .phone(Batches.phone(i))
              .crmId(Batches.crmId(i))
              .firstName(Batches.FIRST)
              .lastName(Batches.LAST)
              .dateOfBirth(OffsetDateTime.parse(Batches.BORN))
              .gender(Gender.NOT_SPECIFIED)
              .customAttributes(
                  List.of(
                      CustomAttribute.builder()
                          .name(Batches.ATTRIBUTE)
                          .value(Batches.ATTRIBUTE_VALUE)
                          .build()))
              .consentsData(
                  ConsentsData.builder()
                      .consents(List.of(Consent.builder().id(1).value(ConsentValue.TRUE).build()))
                      .build())
              .build());
    }
    return records;
  }

  @Override
  public Object getByEmail(String email) {
    return client.customers().getByEmail(email).orElseThrow().getCrmId();
  }

  @Override
  public void upsert(int size) {
    client
        .customers()
        .upsert(
            UpsertMode.ADD_OR_UPDATE,
            MatchBy.EMAIL,
            batches.computeIfAbsent(size, OursContender::batch));
  }

  @Override
  public void close() {
    client.close();
  }
}
