package io.ecdp.customers.sandbox;

import io.ecdp.customers.model.Consent;
import io.ecdp.customers.model.ConsentValue;
import io.ecdp.customers.model.ConsentsData;
import io.ecdp.customers.model.CustomAttribute;
import io.ecdp.customers.model.CustomerDetails;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.Gender;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Customers, files and child processes for the state file's tests. */
final class StateFixtures {

  private StateFixtures() {}

  /** The fake customer number {@code i}, with names, a date of birth and an attribute. */
  static CustomerRecord record(int i) {
    return CustomerRecord.builder()
        .email(String.format("customer.%07d@example.com", i))
        .phone(String.format("+4860%07d", i))
        .crmId("crm-" + i)
        .firstName("Adam")
        .lastName("Zielinski")
        .dateOfBirth(
            OffsetDateTime.of(1980 + i % 30, 1 + i % 12, 1 + i % 28, 0, 0, 0, 0, ZoneOffset.UTC))
        .gender(i % 2 == 0 ? Gender.MALE : Gender.FEMALE)
        .customAttributes(List.of(CustomAttribute.builder().name("tier").value("gold").build()))
        .build();
  }

  /** Adds customers {@code from} to {@code to - 1} in batches of 1,000 ({@code AddOrUpdate}). */
  static void fill(SandboxStore store, int from, int to) {
    for (int start = from; start < to; start += 1_000) {
      List<CustomerRecord> batch = new ArrayList<>();
      for (int i = start; i < Math.min(to, start + 1_000); i++) {
        batch.add(record(i));
      }
      if (!store.upsert(UpsertMode.ADD_OR_UPDATE, MatchBy.EMAIL, batch).isEmpty()) {
        throw new IllegalStateException("refused");
      }
    }
  }

  /** A customer with every field set, and figures, as a provider state would store it. */
  static CustomerDetails everyField(String email) {
    return CustomerDetails.builder()
        .email(email)
        .phone("+48601234567")
        .crmId("crm-" + email)
        .firstName("Zażółć")
        .lastName("Gęślą \"Jaźń\" \\ \u2028")
        .dateOfBirth(OffsetDateTime.of(1990, 2, 3, 4, 5, 6, 789_000_000, ZoneOffset.ofHours(2)))
        .gender(Gender.of("Other"))
        .rfmSegment("Champions")
        .totalSpent(new BigDecimal("1234.50"))
        .totalOrders(12)
        .totalOrderReturns(1)
        .avgOrder(new BigDecimal("102.875"))
        .avgPricePoint(new BigDecimal("1E+2"))
        .lastOrder(
            OffsetDateTime.of(2024, 12, 31, 23, 59, 59, 1, ZoneOffset.ofHoursMinutes(-3, -30)))
        .avgTimeBetweenOrdersInDays(new BigDecimal("30.5"))
        .currencySymbol("zł")
        .customAttributes(
            List.of(
                CustomAttribute.builder().name("tier").value("gold").build(),
                CustomAttribute.builder().name("empty").value("").build()))
        .consentsData(
            ConsentsData.builder()
                .consents(
                    List.of(
                        Consent.builder().id(1).value(ConsentValue.TRUE).build(),
                        Consent.builder().id(7).value(ConsentValue.of("Later")).build()))
                .build())
        .build();
  }

  /** Returns the file's POSIX permissions, such as {@code rw-------}. */
  static String mode(Path file) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  static Path journal(Path state) {
    return state.resolveSibling(state.getFileName() + ".journal");
  }

  static Path lock(Path state) {
    return state.resolveSibling(state.getFileName() + ".lock");
  }

  /** Starts {@link StateChild} in a JVM of its own, on this test's class path. */
  static Process child(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(StateChild.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** Reads the child's output until a line starts with {@code prefix}; returns it (null at end). */
  static String awaitLine(BufferedReader out, String prefix, StringBuilder seen)
      throws IOException {
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      seen.append(line).append('\n');
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    return null;
  }

  static BufferedReader output(Process p) {
    return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
  }
}
