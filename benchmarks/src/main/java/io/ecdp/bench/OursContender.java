package io.ecdp.bench;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.RetryPolicy;
import io.ecdp.customers.internal.model.UpsertCustomersRequest;
import io.ecdp.customers.model.Consent;
import io.ecdp.customers.model.ConsentValue;
import io.ecdp.customers.model.ConsentsData;
import io.ecdp.customers.model.CustomAttribute;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.Gender;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** This project's client. */
final class OursContender implements Contender {

  private final CustomersClient client;
  private final Listeners.Recording recording;
  private final Map<Integer, List<CustomerRecord>> batches = new ConcurrentHashMap<>();

  /** Ours, with the recording's listener registered, or with no listener at all when null. */
  OursContender(URI server, Listeners.Recording recording) {
    this.recording = recording;
    CustomersClient.Builder builder =
        CustomersClient.builder().apiKey(API_KEY).baseUri(server).retryPolicy(RetryPolicy.none());
    if (recording != null) {
      builder.addListener(recording.listener());
    }
    client = builder.build();
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

  /** The JSON body this client sends for a batch of {@code size} (the client's JSON-B settings). */
  @SuppressWarnings("try") // Jsonb.close() is declared to throw Exception; Yasson's does not block
  static byte[] requestBody(int size) throws Exception {
    try (Jsonb jsonb =
        JsonbBuilder.create(new JsonbConfig().withNullValues(false).withEncoding("UTF-8"))) {
      return jsonb
          .toJson(
              UpsertCustomersRequest.builder()
                  .mode(UpsertMode.ADD_OR_UPDATE)
                  .matchBy(MatchBy.EMAIL)
                  .data(batch(size))
                  .build())
          .getBytes(StandardCharsets.UTF_8);
    }
  }

  @Override
  public Object getByEmail(String email) {
    return client.customers().get(CustomerKey.email(email)).customer().orElseThrow().crmId();
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
    if (recording != null) {
      recording.close();
    }
  }
}
