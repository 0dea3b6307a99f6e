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

  /** The most reasons the text summary lists (all of them are in the JSON summary). */
  static final int MAX_REASONS_SHOWN = 15;

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

  /**
   * Prints what an import did; {@code resumeCommand} is the command that resumes it when it was
   * interrupted, else null.
   */
  void summary(Importer.Summary s, String resumeCommand) {
    double seconds = Math.max(0.001, s.elapsed().toNanos() / 1e9);
    if (format == Format.json) {
      JsonArrayBuilder reasons = Json.createArrayBuilder();
      for (Importer.RejectCount r : s.rejectsByReason()) {
        JsonObjectBuilder o = Json.createObjectBuilder();
        if (r.field() != null) {
          o.add("field", r.field());
        } else {
          o.addNull("field");
        }
        reasons.add(o.add("rule", r.rule()).add("count", r.count()));
      }
      JsonObjectBuilder json =
          Json.createObjectBuilder()
              .add("file", s.file())
              .add("read", s.read())
              .add("sent", s.sent())
              .add("accepted", s.accepted())
              .add("rejected", s.rejected())
              .add("failed", s.failed())
              .add("skippedAlreadyImported", s.skipped())
              .add("reconciled", s.reconciled())
              .add("complete", s.complete())
              .add("rejectsByReason", reasons)
              .add("calls", s.calls())
              .add("callsThrottled", s.throttledCalls())
              .add("mostInFlight", s.mostInFlight())
              .add("seconds", Math.round(seconds * 1000) / 1000.0)
              .add("recordsPerSecond", Math.round((s.accepted() + s.rejected()) / seconds))
              .add("rejectsFile", s.rejectsFile().toString());
      if (s.failed() > 0 && s.firstFailure() != null) {
        json.add("firstFailure", s.firstFailure());
      }
      if (s.inputFailure() != null) {
        json.add("inputFailure", s.inputFailure());
      }
      if (resumeCommand != null) {
        json.add("interrupted", true).add("resumeWith", resumeCommand);
      }
      out.println(json.build());
      out.flush();
      return;
    }
    out.printf(
        Locale.ROOT,
        "Imported %s: %,d rows read, %,d sent, %,d accepted, %,d rejected, %,d failed%s%s"
            + " in %.1f s (%,.0f records/s).%n",
        s.file(),
        s.read(),
        s.sent(),
        s.accepted(),
        s.rejected(),
        s.failed(),
        s.skipped() > 0
            ? String.format(Locale.ROOT, ", %,d skipped (already imported)", s.skipped())
            : "",
        s.reconciled() > 0
            ? String.format(
                Locale.ROOT,
                ", %,d of the accepted reconciled (stored before the interruption)",
                s.reconciled())
            : "",
        seconds,
        (s.accepted() + s.rejected()) / seconds);
    if (s.throttledCalls() > 0) {
      out.printf(
          Locale.ROOT,
          "The API asked to slow down (429/503) %,d times in %,d calls; the import adapted.%n",
          s.throttledCalls(),
          s.calls());
    }
    if (s.rejected() > 0) {
      out.println("Rejected rows by field and rule:");
      int shown = 0;
      for (Importer.RejectCount r : s.rejectsByReason()) {
        if (++shown > MAX_REASONS_SHOWN) {
          out.printf(
              Locale.ROOT,
              "  and %,d more reasons (every row is in the rejects file)%n",
              s.rejectsByReason().size() - MAX_REASONS_SHOWN);
          break;
        }
        out.printf(
            Locale.ROOT,
            "  %,9d  %s: %s%n",
            r.count(),
            r.field() == null ? "(no field named)" : r.field(),
            r.rule());
      }
      out.println("Each rejected row, with its line and reason: " + s.rejectsFile());
    }
    if (s.failed() > 0) {
      out.println("Not imported: " + s.firstFailure());
      out.println(
          "Run the same command with --resume to send the rest; imported batches are not sent"
              + " again.");
    }
    if (s.inputFailure() != null) {
      out.println("Not imported: the rest of the file: " + s.inputFailure());
    }
    if (resumeCommand != null) {
      out.printf(
          Locale.ROOT,
          "Interrupted after %,d rows; resume with: %s%n",
          s.accepted() + s.rejected() + s.skipped(),
          resumeCommand);
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
