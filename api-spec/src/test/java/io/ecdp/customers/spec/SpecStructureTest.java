package io.ecdp.customers.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SpecStructureTest {

  private final SpecDocument spec = SpecDocument.read(SpecDocument.specUnderTest());

  @Test
  void spec_isValidOpenApi303_andFollowsHouseRules() {
    assertThat(StructureCheck.check(spec)).isEmpty();
  }

  @Test
  void spec_hasTheNineOperations_withJavaFriendlyOperationIds() {
    List<String> operations = new ArrayList<>();
    spec.forEachOperation(
        (method, path, op, item) ->
            operations.add(
                method.toUpperCase(Locale.ROOT)
                    + " "
                    + path
                    + " "
                    + op.get("operationId").asText()));
    assertThat(operations)
        .containsExactlyInAnyOrder(
            "POST /customers upsertCustomers",
            "GET /customers/id/{id} getCustomerById",
            "DELETE /customers/id/{id} deleteCustomerById",
            "GET /customers/email/{email} getCustomerByEmail",
            "DELETE /customers/email/{email} deleteCustomerByEmail",
            "GET /customers/phone/{phone} getCustomerByPhone",
            "DELETE /customers/phone/{phone} deleteCustomerByPhone",
            "GET /customers/crmId/{crmId} getCustomerByCrmId",
            "DELETE /customers/crmId/{crmId} deleteCustomerByCrmId");
  }

  @Test
  void problemSchema_isOpenToExtensionMembers() {
    assertThat(spec.at("#/components/schemas/Problem/additionalProperties").asBoolean()).isTrue();
  }
}
