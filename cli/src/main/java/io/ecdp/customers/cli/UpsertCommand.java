package io.ecdp.customers.cli;

import io.ecdp.customers.model.CustomerRecord;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ecdp customers upsert}: one batch from a JSON file or standard input. */
@Command(
    name = "upsert",
    mixinStandardHelpOptions = true,
    description = {
      "Sends one batch of customers from a JSON file (or - for standard input): an array of"
          + " customer records, or an object with a \"data\" array, as the API documents them."
    })
final class UpsertCommand implements Callable<Integer> {

  @ParentCommand CustomersCommand parent;

  @Mixin BatchOptions batch;

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "A JSON file, or - for standard input.")
  String file;

  private final InputStream stdin;

  UpsertCommand() {
    this(System.in);
  }

  UpsertCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  @Override
  public Integer call() throws IOException {
    Output out = parent.root.output();
    String name = file.equals("-") ? "(standard input)" : file;
    if (!file.equals("-") && !Files.isRegularFile(Path.of(file))) {
      throw new InputFileException(
          file,
          0,
          null,
          Files.isDirectory(Path.of(file))
              ? "is a directory, not a JSON file of records"
              : Files.exists(Path.of(file))
                  ? "is not a regular file (a pipe or device)"
                  : "does not exist");
    }
    String text =
        file.equals("-")
            ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
            : Files.readString(Path.of(file), StandardCharsets.UTF_8);
    List<CustomerRecord> records = parse(name, text);
    try (Session session = parent.root.session()) {
      session.client().customers().upsert(batch.mode, batch.matchBy, records);
    }
    out.message(
        "Sent "
            + records.size()
            + (records.size() == 1 ? " record" : " records")
            + " ("
            + batch.mode.value()
            + " by "
            + batch.matchBy.value()
            + "): accepted.",
        Json.createObjectBuilder().add("sent", records.size()).add("accepted", records.size()));
    return ExitCode.OK;
  }

  @SuppressWarnings("try") // Jsonb.close() is declared to throw Exception; Yasson's does not block
  private static List<CustomerRecord> parse(String name, String text) {
    JsonValue root;
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      root = reader.readValue();
    } catch (RuntimeException e) {
      throw new InputFileException(name, 1, null, "not valid JSON");
    }
    JsonArray array;
    if (root.getValueType() == JsonValue.ValueType.ARRAY) {
      array = root.asJsonArray();
    } else if (root.getValueType() == JsonValue.ValueType.OBJECT
        && root.asJsonObject().get("data") instanceof JsonArray data) {
      array = data;
    } else {
      throw new InputFileException(
          name,
          1,
          null,
          "expected an array of customer records, or an object with a \"data\" array");
    }
    // Every problem of every record, each by its path in the spec: all at once, not the first.
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonValue item = array.get(i);
      if (item.getValueType() != JsonValue.ValueType.OBJECT) {
        problems.add("data[" + i + "]: is not an object");
        continue;
      }
      for (Fields.BadValue p : RecordJson.problems(item.asJsonObject())) {
        problems.add("data[" + i + "]." + p.field + ": " + p.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new InputFileException(name, problems);
    }
    List<CustomerRecord> records = new ArrayList<>();
    try (Jsonb jsonb = JsonbBuilder.create()) {
      for (int i = 0; i < array.size(); i++) {
        JsonValue item = array.get(i);
        try {
          records.add(RecordJson.read(item.asJsonObject(), jsonb));
        } catch (Fields.BadValue e) {
          throw new InputFileException(
              name, 1, "data[" + i + "]" + (e.field == null ? "" : "." + e.field), e.getMessage());
        }
      }
    } catch (InputFileException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return records;
  }
}
