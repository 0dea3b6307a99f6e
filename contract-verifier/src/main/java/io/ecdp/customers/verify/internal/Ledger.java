package io.ecdp.customers.verify.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Records every customer a verification may create, before the request that creates it is sent, and
 * every deletion of one: an append-only file of JSON lines, readable by its owner only, each line
 * forced to the disk before the request goes out. What it holds after a crash is what {@code ecdp
 * contract cleanup} deletes.
 */
public final class Ledger implements AutoCloseable {

  /** A customer the verification created (or tried to), and how far its deletion got. */
  public static final class Entry {
    final String email;
    final String phone;
    final String crmId;
    Integer id;
    boolean deleted;
    boolean anonymized;

    Entry(String email, String phone, String crmId) {
      this.email = email;
      this.phone = phone;
      this.crmId = crmId;
    }

    /** Returns the e-mail address, or null. */
    public String email() {
      return email;
    }

    /** Returns the phone number, or null. */
    public String phone() {
      return phone;
    }

    /** Returns the CRM ID, or null. */
    public String crmId() {
      return crmId;
    }

    /** Returns the ID, when the service said it, or null. */
    public Integer id() {
      return id;
    }

    /** Returns whether the customer was deleted, anonymized or not. */
    public boolean deleted() {
      return deleted;
    }

    /** Returns whether the customer is gone for good: deleted with anonymization, or never made. */
    public boolean done() {
      return anonymized;
    }

    boolean matches(String kind, String value) {
      return switch (kind) {
        case "email" -> email != null && email.equalsIgnoreCase(value);
        case "phone" -> value.equals(phone);
        case "crmid" -> value.equals(crmId);
        case "id" -> id != null && value.equals(String.valueOf(id));
        default -> false;
      };
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final FileChannel channel;
  private final List<Entry> entries;

  private Ledger(Path file, FileChannel channel, List<Entry> entries) {
    this.file = file;
    this.channel = channel;
    this.entries = entries;
  }

  /**
   * Opens the ledger at {@code file}, creating it (and its folder) readable by its owner only, and
   * reads what an earlier run left in it; a last line cut short by a crash is ignored.
   */
  public static Ledger open(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      if (!Files.exists(file)) {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
          Files.createFile(
              file,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
          Files.createFile(file);
        }
      }
      List<Entry> entries = new ArrayList<>();
      byte[] bytes = Files.readAllBytes(file);
      int complete = 0;
      for (int i = 0; i < bytes.length; i++) {
        if (bytes[i] == '\n') {
          replay(new String(bytes, complete, i - complete, StandardCharsets.UTF_8), entries);
          complete = i + 1;
        }
      }
      FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
      // A line a crash cut short is cut off, so that the next line starts on its own.
      channel.truncate(complete);
      channel.position(complete);
      return new Ledger(file, channel, entries);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the ledger " + file + " cannot be used: " + e.getMessage(), e);
    }
  }

  private static void replay(String line, List<Entry> entries) {
    JsonNode event;
    try {
      event = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the ledger holds a line that is not JSON", e);
    }
    switch (event.path("event").asText()) {
      case "create" ->
          entries.add(new Entry(text(event, "email"), text(event, "phone"), text(event, "crmId")));
      case "id" -> {
        for (Entry e : entries) {
          if (e.matches("email", event.path("email").asText())) {
            e.id = event.path("id").asInt();
          }
        }
      }
      case "delete" -> {
        for (Entry e : entries) {
          if (e.matches(event.path("kind").asText(), event.path("value").asText())) {
            e.deleted = true;
            e.anonymized |= event.path("anonymized").asBoolean();
          }
        }
      }
      default -> throw new IllegalStateException("the ledger holds an unknown event: " + event);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** Returns the ledger's file. */
  public Path file() {
    return file;
  }

  /**
   * Records a customer about to be created, unless one with the same e-mail, phone or CRM ID is
   * recorded and not deleted; the line is on the disk when this returns.
   */
  public synchronized void created(String email, String phone, String crmId) {
    for (Entry e : entries) {
      if (!e.deleted
          && ((email != null && e.matches("email", email))
              || (phone != null && e.matches("phone", phone))
              || (crmId != null && e.matches("crmid", crmId)))) {
        return;
      }
    }
    ObjectNode line = JSON.createObjectNode().put("event", "create");
    line.put("email", email).put("phone", phone).put("crmId", crmId);
    append(line);
    entries.add(new Entry(email, phone, crmId));
  }

  /** Records the ID the service gave the customer of this e-mail address. */
  public synchronized void learnedId(String email, int id) {
    append(JSON.createObjectNode().put("event", "id").put("email", email).put("id", id));
    for (Entry e : entries) {
      if (e.matches("email", email)) {
        e.id = id;
      }
    }
  }

  /**
   * Records that the customer with this key ({@code id}, {@code email}, {@code phone} or {@code
   * crmid}) is deleted, or, when {@code anonymized}, gone for good.
   */
  public synchronized void deleted(String kind, String value, boolean anonymized) {
    String k = kind.toLowerCase(Locale.ROOT);
    if (entries.stream().noneMatch(e -> e.matches(k, value))) {
      return;
    }
    append(
        JSON.createObjectNode()
            .put("event", "delete")
            .put("kind", k)
            .put("value", value)
            .put("anonymized", anonymized));
    for (Entry e : entries) {
      if (e.matches(k, value)) {
        e.deleted = true;
        e.anonymized |= anonymized;
      }
    }
  }

  /** Returns whether a customer this ledger recorded has this ID. */
  public synchronized boolean ownsId(int id) {
    return entries.stream().anyMatch(e -> e.id != null && e.id == id);
  }

  /** Returns an ID of a customer this ledger recorded as deleted, if any: one that cannot exist. */
  public synchronized Integer deletedId() {
    return entries.stream()
        .filter(e -> e.deleted && e.id != null)
        .map(e -> e.id)
        .findFirst()
        .orElse(null);
  }

  /** Returns the customers not yet gone for good, in the order they were recorded. */
  public synchronized List<Entry> outstanding() {
    return entries.stream().filter(e -> !e.anonymized).toList();
  }

  /** Returns how many customers the ledger recorded. */
  public synchronized int size() {
    return entries.size();
  }

  /** Returns the entry of this e-mail address, or null. */
  public synchronized Entry byEmail(String email) {
    return entries.stream().filter(e -> e.matches("email", email)).findFirst().orElse(null);
  }

  private void append(ObjectNode line) {
    try {
      byte[] bytes = (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("the ledger " + file + " cannot be written", e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "Ledger[" + Objects.toString(file) + ", " + entries.size() + " entries]";
  }
}
