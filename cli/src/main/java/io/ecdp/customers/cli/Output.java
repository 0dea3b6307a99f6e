package io.ecdp.customers.cli;

import io.ecdp.customers.model.Consent;
import io.ecdp.customers.model.CustomAttribute;
import io.ecdp.customers.model.CustomerDetails;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints results for a person ({@code text}) or a script ({@code json}). */
final class Output {

  /** The output formats. */
  enum Format {
    text,
    json
  }

  private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(false));

  private final Format format;
  private final PrintWriter out;
  private final PrintWriter err;

  Output(Format format, PrintWriter out, PrintWriter err) {
    this.format = format;
    this.out = out;
    this.err = err;
  }

  PrintWriter err() {
    return err;
  }

  int error(int code, String message, List<String> details) {
    if (format == Format.json) {
      JsonArrayBuilder d = Json.createArrayBuilder();
      details.forEach(d::add);
      out.println(
          Json.createObjectBuilder()
              .add(
                  "error",
                  Json.createObjectBuilder()
                      .add("exitCode", code)
                      .add("message", message)
                      .add("details", d))
              .build());
      out.flush();
    } else {
      err.println("ecdp: " + message);
      details.forEach(line -> err.println("  - " + line));
      err.flush();
    }
    return code;
  }

  void customer(String how, CustomerDetails c) {
    if (format == Format.json) {
      out.println(JSONB.toJson(c));
      out.flush();
      return;
    }
    Map<String, Object> rows = new LinkedHashMap<>();
    rows.put("e-mail", c.email());
    rows.put("phone", c.phone());
    rows.put("CRM ID", c.crmId());
    rows.put("name", join(c.firstName(), c.lastName()));
    rows.put("date of birth", c.dateOfBirth() == null ? null : c.dateOfBirth().toLocalDate());
    rows.put("gender", c.gender());
    rows.put("RFM segment", c.rfmSegment());
    rows.put("total spent", money(c.totalSpent(), c.currencySymbol()));
    rows.put(
        "orders",
        c.totalOrders() == null
            ? null
            : c.totalOrders() + " (" + c.totalOrderReturns() + " returned)");
    rows.put("average order", money(c.avgOrder(), c.currencySymbol()));
    rows.put("last order", c.lastOrder());
    List<String> attributes = new ArrayList<>();
    if (c.customAttributes() != null) {
      for (CustomAttribute a : c.customAttributes()) {
        attributes.add(a.name() + "=" + a.value());
      }
    }
    rows.put("attributes", attributes.isEmpty() ? null : String.join(", ", attributes));
    List<String> consents = new ArrayList<>();
    if (c.consentsData() != null && c.consentsData().consents() != null) {
      for (Consent k : c.consentsData().consents()) {
        consents.add("#" + k.id() + " " + k.value());
      }
    }
    rows.put("consents", consents.isEmpty() ? null : String.join(", ", consents));
    out.println("Customer " + how + ":");
    rows.forEach(
        (k, v) -> {
          if (v != null) {
            out.printf(Locale.ROOT, "  %-14s %s%n", k, v);
          }
        });
    out.flush();
  }

  void message(String text, JsonObjectBuilder json) {
    if (format == Format.json) {
      out.println(json.build());
    } else {
      out.println(text);
    }
    out.flush();
  }

  void summary(Importer.Summary s) {
    double seconds = Math.max(0.001, s.elapsed().toNanos() / 1e9);
    if (format == Format.json) {
      out.println(
          Json.createObjectBuilder()
              .add("file", s.file())
              .add("read", s.read())
              .add("sent", s.sent())
              .add("accepted", s.accepted())
              .add("rejected", s.rejected())
              .add("failed", s.failed())
              .add("skippedAlreadyImported", s.skipped())
              .add("seconds", Math.round(seconds * 1000) / 1000.0)
              .add("recordsPerSecond", Math.round((s.accepted() + s.rejected()) / seconds))
              .add("rejectsFile", s.rejectsFile().toString())
              .build());
      out.flush();
      return;
    }
    out.printf(
        Locale.ROOT,
        "Imported %s: %,d rows read, %,d sent, %,d accepted, %,d rejected, %,d failed%s in %.1f s (%,.0f records/s).%n",
        s.file(),
        s.read(),
        s.sent(),
        s.accepted(),
        s.rejected(),
        s.failed(),
        s.skipped() > 0
            ? String.format(Locale.ROOT, ", %,d skipped (already imported)", s.skipped())
            : "",
        seconds,
        (s.accepted() + s.rejected()) / seconds);
    if (s.rejected() > 0) {
      out.println("Rejected rows, each with its line and reason: " + s.rejectsFile());
    }
    if (s.failed() > 0) {
      out.println("Not imported: " + s.firstFailure());
      out.println(
          "Run the same command with --resume to send the rest; imported batches are not sent again.");
    }
    out.flush();
  }

  private static String join(String a, String b) {
    String s = ((a == null ? "" : a) + " " + (b == null ? "" : b)).trim();
    return s.isEmpty() ? null : s;
  }

  private static String money(java.math.BigDecimal amount, String currency) {
    if (amount == null) {
      return null;
    }
    return amount.toPlainString() + (currency == null ? "" : " " + currency);
  }
}
