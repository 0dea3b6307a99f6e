package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import io.ecdp.customers.sandbox.CustomersSandbox;
import io.ecdp.customers.sandbox.SandboxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code ecdp customers get|delete|upsert} end to end against a sandbox over real HTTP. */
@ExtendWith(SandboxExtension.class)
class CustomersCommandsTest {

  private static Map<String, String> env(CustomersSandbox sandbox) {
    return Map.of("ECDP_API_KEY", sandbox.apiKey());
  }

  private static String[] against(CustomersSandbox sandbox, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--base-url";
    all[1] = sandbox.uri().toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return all;
  }

  private static void seed(CustomersClient client) {
    client
        .customers()
        .upsert(
            UpsertMode.ADD,
            MatchBy.EMAIL,
            List.of(
                CustomerRecord.builder()
                    .email("adam@poczta.pl")
                    .phone("+48123456789")
                    .crmId("57")
                    .firstName("Adam")
                    .lastName("Nowak")
                    .build()));
  }

  @Test
  void get_showsTheCustomer_forAPerson(CustomersSandbox sandbox, CustomersClient client) {
    seed(client);
    Cli.Result r = Cli.run(env(sandbox), against(sandbox, "customers", "get", "--crm-id", "57"));
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains(
            "Customer with CRM ID 57:",
            "e-mail         adam@poczta.pl",
            "name           Adam Nowak");
  }

  @Test
  void get_masksTheKeyTyped_asDeleteDoes_andShowsTheCustomersOwnDataInFull(
      CustomersSandbox sandbox, CustomersClient client) {
    seed(client);
    Cli.Result r =
        Cli.run(env(sandbox), against(sandbox, "customers", "get", "--email", "adam@poczta.pl"));
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("Customer with e-mail a***@poczta.pl:", "e-mail         adam@poczta.pl");
    Cli.Result none =
        Cli.run(env(sandbox), against(sandbox, "customers", "get", "--phone", "+48999999999"));
    assertThat(none.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(none.out()).contains("No customer with phone ***999.");
  }

  @Test
  void get_jsonOutput_isTheRecord(CustomersSandbox sandbox, CustomersClient client) {
    seed(client);
    Cli.Result r =
        Cli.run(
            env(sandbox),
            against(sandbox, "--output", "json", "customers", "get", "--phone", "+48123456789"));
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .startsWith("{")
        .contains("\"email\":\"adam@poczta.pl\"", "\"crmId\":\"57\"");
  }

  @Test
  void get_missingCustomer_exits3(CustomersSandbox sandbox) {
    Cli.Result r = Cli.run(env(sandbox), against(sandbox, "customers", "get", "--id", "404"));
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.out()).contains("No customer with ID 404.");
  }

  @Test
  void delete_withAnonymize_keepsTheAnonymousRecord(
      CustomersSandbox sandbox, CustomersClient client) {
    seed(client);
    Cli.Result r =
        Cli.run(
            env(sandbox),
            against(sandbox, "customers", "delete", "--email", "adam@poczta.pl", "--anonymize"));
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("Deleted the customer with e-mail a***@poczta.pl, and anonymized its data.");
    assertThat(client.customers().get(CustomerKey.id(1)).customer().orElseThrow().email()).isNull();
    assertThat(
            Cli.run(
                    env(sandbox),
                    against(sandbox, "customers", "delete", "--email", "adam@poczta.pl"))
                .exitCode())
        .isEqualTo(3);
  }

  @Test
  void upsert_fromStandardInput(CustomersSandbox sandbox, CustomersClient client) {
    String json =
        "[{\"email\":\"ewa@poczta.pl\",\"firstName\":\"Ewa\"},{\"email\":\"jan@poczta.pl\"}]";
    Cli.Result r =
        Cli.runWithInput(
            env(sandbox),
            json,
            against(sandbox, "customers", "upsert", "--mode", "add", "--match-by", "email", "-"));
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Sent 2 records (Add by Email): accepted.");
    assertThat(
            client
                .customers()
                .get(CustomerKey.email("ewa@poczta.pl"))
                .customer()
                .orElseThrow()
                .firstName())
        .isEqualTo("Ewa");
  }

  @Test
  void upsert_fromAFileWithDataObject_andRefusedRecords_exit4(
      CustomersSandbox sandbox, CustomersClient client, @TempDir Path dir) throws Exception {
    seed(client);
    Path file = dir.resolve("batch.json");
    Files.writeString(
        file, "{\"data\":[{\"email\":\"new@poczta.pl\"},{\"email\":\"adam@poczta.pl\"}]}");
    Cli.Result r =
        Cli.run(
            env(sandbox),
            against(
                sandbox,
                "customers",
                "upsert",
                "--mode",
                "Add",
                "--match-by",
                "Email",
                file.toString()));
    assertThat(r.exitCode()).isEqualTo(4);
    assertThat(r.err()).contains("data[1].email: a customer with this email already exists");
  }

  @Test
  void upsert_invalidRecords_areRefusedLocally_withRecordFieldAndRule(CustomersSandbox sandbox) {
    Cli.Result r =
        Cli.runWithInput(
            env(sandbox),
            "[{\"phone\":\"123 456\"}]",
            against(
                sandbox, "customers", "upsert", "--mode", "Add", "--match-by", "PhoneNumber", "-"));
    assertThat(r.exitCode()).isEqualTo(4);
    assertThat(r.err()).contains("data[0].phone: must not contain whitespace");
  }

  @Test
  void upsert_unknownFieldInTheFile_namesIt(CustomersSandbox sandbox) {
    Cli.Result r =
        Cli.runWithInput(
            env(sandbox),
            "[{\"mail\":\"a@b.pl\"}]",
            against(sandbox, "customers", "upsert", "--mode", "Add", "--match-by", "Email", "-"));
    assertThat(r.exitCode()).isEqualTo(4);
    assertThat(r.err()).contains("(standard input): data[0].mail: unknown field");
  }

  @Test
  void badModeValue_isAUsageError_listingTheValues(CustomersSandbox sandbox) {
    Cli.Result r =
        Cli.run(
            env(sandbox),
            against(
                sandbox, "customers", "upsert", "--mode", "Replace", "--match-by", "Email", "-"));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("'Replace' is not a mode (one of Add, Update, AddOrUpdate)");
  }

  @Test
  void missingApiKey_isAUsageError() {
    Cli.Result r = Cli.run(Map.of(), "customers", "get", "--id", "1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("ECDP_API_KEY");
  }

  @Test
  void refusedApiKey_exits5_andIsNeverEchoed(CustomersSandbox sandbox) {
    String secret = "super-secret-key-4711";
    Cli.Result r =
        Cli.run(Map.of("ECDP_API_KEY", secret), against(sandbox, "customers", "get", "--id", "1"));
    assertThat(r.exitCode()).isEqualTo(5);
    assertThat(r.out() + r.err()).doesNotContain(secret).contains("401");
  }

  @Test
  void unreachableApi_exits6() {
    Cli.Result r =
        Cli.run(
            Map.of("ECDP_API_KEY", "k"),
            "--base-url",
            "http://127.0.0.1:9",
            "customers",
            "get",
            "--id",
            "1");
    assertThat(r.exitCode()).isEqualTo(6);
  }

  @Test
  void plainHttpToAnotherHost_isRefused() {
    Cli.Result r =
        Cli.run(
            Map.of("ECDP_API_KEY", "k"),
            "--base-url",
            "http://api.ecdp.app",
            "customers",
            "get",
            "--id",
            "1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("unencrypted");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "customers",
        "customers get",
        "customers delete",
        "customers upsert",
        "customers import"
      })
  void everyCommand_hasHelp(String command) {
    String[] args = (command.isEmpty() ? "--help" : command + " --help").split(" ");
    Cli.Result r = Cli.run(Map.of(), args);
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Usage: ecdp");
  }

  @Test
  void completionScript_isGenerated() {
    Cli.Result r = Cli.run(Map.of(), "generate-completion");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("complete -F", "ecdp");
  }

  @Test
  void sandboxOption_keepsStateBetweenRuns(@TempDir Path dir) {
    String state = dir.resolve("state.json").toString();
    Cli.Result add =
        Cli.runWithInput(
            Map.of(),
            "{\"data\":[{\"crmId\":\"7\",\"firstName\":\"Ola\"}]}",
            "--sandbox",
            "--sandbox-state",
            state,
            "customers",
            "upsert",
            "--mode",
            "Add",
            "--match-by",
            "CrmId",
            "-");
    assertThat(add.exitCode()).isZero();
    Cli.Result get =
        Cli.run(
            Map.of(), "--sandbox", "--sandbox-state", state, "customers", "get", "--crm-id", "7");
    assertThat(get.exitCode()).isZero();
    assertThat(get.out()).contains("name           Ola");
  }
}
