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
import java.util.function.UnaryOperator;

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
  private final UnaryOperator<String> redact;

  Output(Format format, PrintWriter out, PrintWriter err) {
    this(format, out, err, UnaryOperator.identity());
  }

  /**
   * Creates an output whose error messages, their details and an import's reasons pass through
   * {@code redact} (the API key and personal data a server may echo), in text and in JSON alike.
   */
  Output(Format format, PrintWriter out, PrintWriter err, UnaryOperator<String> redact) {
    this.format = format;
    this.out = out;
    this.err = err;
    this.redact = redact;
  }

  PrintWriter err() {
    return err;
  }

  /**
   * Prints an error: the message, then each detail. Text that came from a server must be redacted
   * first ({@link #redacted}); the command's own words are printed as they are.
   */
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
      err.println("ecdp: " + Terminal.printable(message));
      details.forEach(line -> err.println("  - " + Terminal.printable(line)));
      err.flush();
    }
    return code;
  }

  /**
   * Prints a command-line error: in text, the {@code ecdp:} line and then each hint on a line of
   * its own (not as a list of problems); in JSON, as {@link #error}.
   */
  int usageError(int code, String message, List<String> hints) {
    if (format == Format.json) {
      return error(code, message, hints);
    }
    err.println("ecdp: " + Terminal.printable(message));
    hints.forEach(h -> err.println(Terminal.printable(h)));
    err.flush();
    return code;
  }

  /** Returns {@code serverText} with the API key and personal data a server may echo masked. */
  String redacted(String serverText) {
    return redact.apply(serverText);
  }

  /** Returns each of {@code serverTexts} {@link #redacted}. */
  List<String> redacted(List<String> serverTexts) {
    List<String> out = new ArrayList<>();
    serverTexts.forEach(t -> out.add(redact.apply(t)));
    return out;
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
        consents.add("#" + k.id() + " " + consentMeaning(k.value()));
      }
    }
    rows.put("consents", consents.isEmpty() ? null : String.join(", ", consents));
    out.println("Customer " + Terminal.printable(how) + ":");
    rows.forEach(
        (k, v) -> {
          if (v != null) {
            out.printf(Locale.ROOT, "  %-14s %s%n", k, Terminal.printable(String.valueOf(v)));
          }
        });
    out.flush();
  }

  void message(String text, JsonObjectBuilder json) {
    if (format == Format.json) {
      out.println(json.build());
    } else {
      out.println(Terminal.printable(text));
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
      CallStats.Snapshot t = s.traffic();
      if (t != null) {
        json.add("requests", t.requests())
            .add("retries", s.retries())
            .add("answered", t.answered())
            .add("rateLimited", t.rateLimited())
            .add("rateLimitedShare", Math.round(t.rateLimitedShare() * 10_000) / 10_000.0);
        if (t.calls() > 0) {
          json.add("latencyP50Ms", millis(t.p50Nanos())).add("latencyP99Ms", millis(t.p99Nanos()));
        } else {
          json.addNull("latencyP50Ms").addNull("latencyP99Ms");
        }
      }
      if (s.failed() > 0 && s.firstFailure() != null) {
        json.add("firstFailure", redact.apply(s.firstFailure()));
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
        "Imported %s: %s read, %,d sent, %,d accepted, %,d rejected, %,d failed%s%s"
            + " in %.1f s (%,.0f records/s).%n",
        Terminal.printable(s.file()),
        count(s.read(), "row", "rows"),
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
          "The API asked to slow down (429/503) %s in %s; the import adapted.%n",
          count(s.throttledCalls(), "time", "times"),
          count(s.calls(), "call", "calls"));
    }
    CallStats.Snapshot t = s.traffic();
    if (t != null && t.requests() > 0) {
      out.printf(
          Locale.ROOT,
          "Requests: %,d (%s); 429 answers: %,d of %,d (%.1f%%); call latency p50 %s, p99 %s.%n",
          t.requests(),
          count(s.retries(), "retry", "retries"),
          t.rateLimited(),
          t.answered(),
          t.rateLimitedShare() * 100,
          t.calls() > 0 ? String.format(Locale.ROOT, "%,.1f ms", millis(t.p50Nanos())) : "-",
          t.calls() > 0 ? String.format(Locale.ROOT, "%,.1f ms", millis(t.p99Nanos())) : "-");
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
            r.field() == null ? "(no field named)" : Terminal.printable(r.field()),
            Terminal.printable(r.rule()));
      }
      out.println(
          "Each rejected row, with its line and reason: "
              + Terminal.printable(s.rejectsFile().toString()));
    }
    if (s.failed() > 0) {
      out.println("Not imported: " + Terminal.printable(redact.apply(s.firstFailure())));
      out.println(
          "Run the same command with --resume to send the rest; imported batches are not sent"
              + " again.");
    }
    if (s.inputFailure() != null) {
      out.println("Not imported: the rest of the file: " + Terminal.printable(s.inputFailure()));
    }
    if (resumeCommand != null) {
      out.printf(
          Locale.ROOT,
          "Interrupted after %s; resume with: %s%n",
          count(s.accepted() + s.rejected() + s.skipped(), "row", "rows"),
          Terminal.printable(resumeCommand));
    }
    out.flush();
  }

  /** {@code n} and the noun for it: "1 row", "0 rows", "1,000 rows". */
  static String count(long n, String one, String many) {
    return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? one : many);
  }

  /** Nanoseconds as milliseconds, to a tenth. */
  private static double millis(long nanos) {
    return Math.round(nanos / 100_000.0) / 10.0;
  }

  /**
   * What a consent's status means, with the API's word: {@code True} given, {@code False} not
   * given, {@code AwaitingConfirmation} asked for by e-mail and not yet confirmed.
   */
  static String consentMeaning(io.ecdp.customers.model.ConsentValue value) {
    if (value == null) {
      return "status unknown";
    }
    String word = value.value();
    return switch (word) {
      case "True" -> "given (True)";
      case "False" -> "not given (False)";
      case "AwaitingConfirmation" -> "awaiting the customer's confirmation (AwaitingConfirmation)";
      default -> word;
    };
  }

  private static String join(String a, String b) {
    String s = ((a == null ? "" : a) + " " + (b == null ? "" : b)).strip();
    return s.isEmpty() ? null : s;
  }

  private static String money(java.math.BigDecimal amount, String currency) {
    if (amount == null) {
      return null;
    }
    return amount.toPlainString() + (currency == null ? "" : " " + currency);
  }
}
