package io.ecdp.customers;

import static io.ecdp.customers.TestServer.json;
import static io.ecdp.customers.TestServer.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Path values are sent as one percent-encoded segment and reach the server exactly as given. */
class PathEncodingTest {

  private TestServer server;
  private CustomersClient client;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer().always(json(200, TestData.CUSTOMER_JSON));
    client = server.client().build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "adam+tag@poczta.pl        | adam%2Btag%40poczta.pl",
        "a/b@poczta.pl             | a%2Fb%40poczta.pl",
        "100%@poczta.pl            | 100%25%40poczta.pl",
        "a%41@poczta.pl            | a%2541%40poczta.pl",
        "why?@poczta.pl            | why%3F%40poczta.pl",
        "hash#tag@poczta.pl        | hash%23tag%40poczta.pl",
        "żółć@poczta.pl            | %C5%BC%C3%B3%C5%82%C4%87%40poczta.pl",
        "{email}@poczta.pl         | %7Bemail%7D%40poczta.pl",
        "..                        | %2E%2E",
      })
  void getByEmail_encodesTheAddressAsOneSegment(String email, String encoded) {
    client.customers().get(CustomerKey.email(email)).customer();
    String raw = server.last().rawPath();
    assertThat(raw).isEqualTo("/customers/email/" + encoded);
    String segment = raw.substring("/customers/email/".length());
    assertThat(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8))
        .isEqualTo(email);
  }

  @Test
  void getByEmail_encodesPlusSign() {
    client.customers().get(CustomerKey.email("adam+news@poczta.pl")).customer();
    assertThat(server.last().rawPath()).isEqualTo("/customers/email/adam%2Bnews%40poczta.pl");
  }

  @ParameterizedTest
  @ValueSource(strings = {"+48123456789", "(22)555-01-02", "123.456.789"})
  void deleteByPhone_sendsThePhoneExactlyAsGiven(String phone) {
    server.always(status(200));
    client.customers().delete(CustomerKey.phone(phone)).deleted();
    String raw = server.last().rawPath();
    String segment = raw.substring("/customers/phone/".length());
    assertThat(segment).doesNotContain("+", "(", ")");
    assertThat(URLDecoder.decode(segment, StandardCharsets.UTF_8)).isEqualTo(phone);
  }

  @Test
  void getByCrmId_keepsSlashesInsideTheSegment() {
    client.customers().get(CustomerKey.crmId("crm/57/x?y")).customer();
    assertThat(server.last().requestLine()).isEqualTo("GET /customers/crmId/crm%2F57%2Fx%3Fy");
  }
}
