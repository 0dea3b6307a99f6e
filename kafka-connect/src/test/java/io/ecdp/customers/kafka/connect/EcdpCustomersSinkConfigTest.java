package io.ecdp.customers.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class EcdpCustomersSinkConfigTest {

  private static final String KEY = "k3y-that-must-never-show-9f2c";

  private static Map<String, String> minimal() {
    Map<String, String> m = new HashMap<>();
    m.put(EcdpCustomersSinkConfig.API_KEY, KEY);
    return m;
  }

  private static Map<String, List<String>> errors(Map<String, String> props) {
    Config c = new EcdpCustomersSinkConnector().validate(props);
    return c.configValues().stream()
        .filter(v -> !v.errorMessages().isEmpty())
        .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
  }

  @Test
  void defaults_areTheDocumentedOnes() {
    EcdpCustomersSinkConfig c = new EcdpCustomersSinkConfig(minimal());
    assertThat(c.baseUri()).isEqualTo(CustomersClient.DEFAULT_BASE_URI);
    assertThat(c.mode()).isEqualTo(UpsertMode.ADD_OR_UPDATE);
    assertThat(c.matchBy()).isEqualTo(MatchBy.EMAIL);
    assertThat(c.batchSize()).isEqualTo(100);
    assertThat(c.flushInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.maxInFlight()).isEqualTo(4);
    assertThat(c.rateLimitedRetries()).isEqualTo(20);
    assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.readTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.callTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.deleteOnTombstone()).isFalse();
    assertThat(c.deleteAnonymize()).isFalse();
    assertThat(c.fieldMapping().pathOf("email")).containsExactly("email");
    assertThat(c.apiKey()).isEqualTo(KEY);
  }

  @Test
  void everySetting_isDocumentedAndGrouped() {
    ConfigDef def = EcdpCustomersSinkConfig.configDef();
    assertThat(def.names())
        .containsExactlyInAnyOrder(
            "ecdp.api.key",
            "ecdp.base.uri",
            "ecdp.mode",
            "ecdp.match.by",
            "ecdp.batch.size",
            "ecdp.flush.interval.ms",
            "ecdp.max.in.flight",
            "ecdp.rate.limited.retries",
            "ecdp.connect.timeout.ms",
            "ecdp.read.timeout.ms",
            "ecdp.call.timeout.ms",
            "ecdp.field.mapping",
            "ecdp.tombstone.behavior",
            "ecdp.delete.anonymize");
    def.configKeys()
        .values()
        .forEach(
            k -> {
              assertThat(k.documentation).as(k.name).isNotBlank();
              assertThat(k.group).as(k.name).isNotBlank();
            });
    assertThat(def.configKeys().get("ecdp.api.key").type).isEqualTo(ConfigDef.Type.PASSWORD);
  }

  @Test
  void apiKey_isRequired_andNamedInTheError() {
    assertThatThrownBy(() -> new EcdpCustomersSinkConfig(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ecdp.api.key");
    Map<String, String> blank = minimal();
    blank.put(EcdpCustomersSinkConfig.API_KEY, "  ");
    assertThat(errors(blank)).containsKey("ecdp.api.key");
    assertThat(errors(blank).get("ecdp.api.key").get(0)).contains("must not be blank");
  }

  @Test
  void batchSize_outsideOneToTheMaximum_isRefusedByName() {
    for (String bad : List.of("0", "1001", "-5")) {
      Map<String, String> p = minimal();
      p.put(EcdpCustomersSinkConfig.BATCH_SIZE, bad);
      assertThat(errors(p).get("ecdp.batch.size"))
          .as(bad)
          .singleElement()
          .asString()
          .contains("ecdp.batch.size");
    }
    Map<String, String> p = minimal();
    p.put(EcdpCustomersSinkConfig.BATCH_SIZE, "1000");
    assertThat(errors(p)).isEmpty();
  }

  @Test
  void modeAndMatchBy_takeOnlyTheApiValues() {
    Map<String, String> p = minimal();
    p.put(EcdpCustomersSinkConfig.MODE, "Upsert");
    p.put(EcdpCustomersSinkConfig.MATCH_BY, "Id");
    Map<String, List<String>> e = errors(p);
    assertThat(e.get("ecdp.mode").get(0)).contains("Add, Update, AddOrUpdate");
    assertThat(e.get("ecdp.match.by").get(0))
        .contains("Email, PhoneNumber, CrmId, GUID, VisitorId");
  }

  @Test
  void baseUri_plainHttp_isAllowedToLoopbackOnly() {
    Map<String, String> p = minimal();
    p.put(EcdpCustomersSinkConfig.BASE_URI, "http://api.example.com");
    assertThat(errors(p).get("ecdp.base.uri").get(0)).contains("must use https");
    p.put(EcdpCustomersSinkConfig.BASE_URI, "http://127.0.0.1:8080");
    assertThat(errors(p)).isEmpty();
    p.put(EcdpCustomersSinkConfig.BASE_URI, "not a uri");
    assertThat(errors(p).get("ecdp.base.uri").get(0)).contains("absolute http(s) URI");
    p.put(EcdpCustomersSinkConfig.BASE_URI, "ftp://example.com");
    assertThat(errors(p).get("ecdp.base.uri").get(0)).contains("absolute http(s) URI");
  }

  @Test
  void fieldMapping_namesTheEntryAndTheRule() {
    Map<String, String> p = minimal();
    p.put(EcdpCustomersSinkConfig.FIELD_MAPPING, "email=contact.email,nickname=nick");
    assertThat(errors(p).get("ecdp.field.mapping").get(0))
        .contains("entry 2")
        .contains("must be one of");
    p.put(EcdpCustomersSinkConfig.FIELD_MAPPING, "email");
    assertThat(errors(p).get("ecdp.field.mapping").get(0)).contains("entry 1").contains("'='");
    p.put(EcdpCustomersSinkConfig.FIELD_MAPPING, "email=a..b");
    assertThat(errors(p).get("ecdp.field.mapping").get(0)).contains("empty segment");
    p.put(EcdpCustomersSinkConfig.FIELD_MAPPING, "email=a,email=b");
    assertThat(errors(p).get("ecdp.field.mapping").get(0)).contains("mapped twice");
    p.put(
        EcdpCustomersSinkConfig.FIELD_MAPPING,
        "email=contact.email, firstName=name.first, customAttributes.tier=loyalty.tier");
    assertThat(errors(p)).isEmpty();
    EcdpCustomersSinkConfig c = new EcdpCustomersSinkConfig(p);
    assertThat(c.fieldMapping().pathOf("email")).containsExactly("contact", "email");
    assertThat(c.fieldMapping().attributes()).containsKey("tier");
  }

  @Test
  void validate_deleteTombstones_needAMatchKeyADeleteCanAddress() {
    Map<String, String> p = minimal();
    p.put(EcdpCustomersSinkConfig.TOMBSTONE_BEHAVIOR, "delete");
    for (String m : List.of("GUID", "VisitorId")) {
      p.put(EcdpCustomersSinkConfig.MATCH_BY, m);
      assertThat(errors(p).get("ecdp.tombstone.behavior"))
          .as(m)
          .singleElement()
          .asString()
          .contains("needs a match key that a delete can address")
          .contains(m);
    }
    for (String m : List.of("Email", "PhoneNumber", "CrmId")) {
      p.put(EcdpCustomersSinkConfig.MATCH_BY, m);
      assertThat(errors(p)).as(m).isEmpty();
    }
  }

  @Test
  void validate_callTimeoutShorterThanReadTimeout_isRefused() {
    Map<String, String> p = minimal();
    p.put(EcdpCustomersSinkConfig.READ_TIMEOUT_MS, "30000");
    p.put(EcdpCustomersSinkConfig.CALL_TIMEOUT_MS, "1000");
    assertThat(errors(p).get("ecdp.call.timeout.ms").get(0))
        .contains("must be at least ecdp.read.timeout.ms");
  }

  @Test
  void theKey_isNeverShown_inToStringValidationOrErrors() {
    Map<String, String> p = minimal();
    p.put(EcdpCustomersSinkConfig.BATCH_SIZE, "0");
    Config c = new EcdpCustomersSinkConnector().validate(p);
    assertThat(c.configValues().toString()).doesNotContain(KEY);
    p.put(EcdpCustomersSinkConfig.BATCH_SIZE, "10");
    EcdpCustomersSinkConfig config = new EcdpCustomersSinkConfig(p);
    assertThat(config.toString()).doesNotContain(KEY).contains("ecdp.api.key=[hidden]");
    assertThat(config.values().toString()).doesNotContain(KEY);
  }

  @Test
  void connector_givesEachTaskTheSettingsAndItsIndex() {
    EcdpCustomersSinkConnector connector = new EcdpCustomersSinkConnector();
    Map<String, String> p = minimal();
    p.put("name", "customers-sink");
    connector.start(p);
    List<Map<String, String>> tasks = connector.taskConfigs(3);
    assertThat(tasks).hasSize(3);
    assertThat(tasks.get(2))
        .containsEntry(EcdpCustomersSinkConnector.TASK_INDEX, "2")
        .containsEntry("name", "customers-sink");
    assertThat(connector.taskClass()).isEqualTo(EcdpCustomersSinkTask.class);
    assertThat(connector.version()).isNotBlank().isNotEqualTo("unknown");
    assertThat(new EcdpCustomersSinkTask().version()).isEqualTo(connector.version());
  }
}
