package consumer.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.sandbox.SandboxStore;
import io.ecdp.customers.spring.test.AutoConfigureEcdpSandbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The service under @SpringBootTest with the starter's test support: no key, no address set. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureEcdpSandbox
class BootAppTest {

  @Autowired BootApp.Customers customers;
  @Autowired SandboxStore store;

  @Test
  void anAddedCustomer_isInTheSandboxStore_andReadBack() {
    customers.add("adam.test@example.com", "Adam");
    assertEquals(
        "Adam",
        store.find(CustomerKey.email("adam.test@example.com")).orElseThrow().firstName());
    assertTrue(customers.find("adam.test@example.com").isPresent());
  }
}
