package io.ecdp.bench;

import io.ecdp.bench.BenchmarkRunner.Ratio;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ratios of the committed {@code benchmarks/RESULTS.md}, and this run's against them: a figure
 * is worse when its ratio to the same baseline moved the wrong way by more than this run's error.
 * Only ratios compare across runs: the machine's speed does not stay the same.
 */
final class Committed {

  /** The ratio columns compared, by their heading, and the baseline each is against. */
  private static final Map<String, String> COLUMNS =
      Map.of("ours / floor", "FLOOR", "ours / stock", Contender.Kind.STOCK_JACKSON.name());

  private static final Pattern NUMBER = Pattern.compile("^\\s*([0-9]+(?:\\.[0-9]+)?)×");

  /** The heading of the column of our absolute figures ({@code 37,939.2 ± 1,092.2 B/call}). */
  static final String OURS = "ours";

  /** Where {@link #read} keeps the error of our absolute figure. */
  static final String OURS_ERROR = "ours ±";

  private static final Pattern ABSOLUTE =
      Pattern.compile("^\\s*([0-9][0-9,]*(?:\\.[0-9]+)?) ± ([0-9][0-9,]*(?:\\.[0-9]+)?) ");

  private Committed() {}

  /**
   * Returns figure → column heading → ratio, from the results table, and our absolute figure and
   * its error under {@link #OURS} and {@link #OURS_ERROR}; empty if there is none.
   */
  static Map<String, Map<String, Double>> read(Path results) throws IOException {
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    if (!Files.exists(results)) {
      return out;
    }
    List<String> header = null;
    for (String line : Files.readAllLines(results)) {
      if (!line.startsWith("|")) {
        if (header != null && !out.isEmpty()) {
          break; // the first table only
        }
        continue;
      }
      List<String> cells = cells(line);
      if (header == null) {
        if (cells.size() > 1 && cells.get(0).equals("figure") && cells.contains("ours / stock")) {
          header = cells;
        }
        continue;
      }
      if (cells.get(0).startsWith("---")) {
        continue;
      }
      Map<String, Double> ratios = new LinkedHashMap<>();
      for (int i = 1; i < cells.size() && i < header.size(); i++) {
        Matcher m = NUMBER.matcher(cells.get(i));
        if (COLUMNS.containsKey(header.get(i)) && m.find()) {
          ratios.put(header.get(i), Double.parseDouble(m.group(1)));
        }
        Matcher a = ABSOLUTE.matcher(cells.get(i));
        if (header.get(i).equals(OURS) && a.find()) {
          ratios.put(OURS, Double.parseDouble(a.group(1).replace(",", "")));
          ratios.put(OURS_ERROR, Double.parseDouble(a.group(2).replace(",", "")));
        }
      }
      out.put(cells.get(0), ratios);
    }
    return out;
  }

  private static List<String> cells(String line) {
    String inner = line.trim();
    inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
    return java.util.Arrays.stream(inner.split("\\|")).map(String::trim).toList();
  }

  /**
   * Whether a figure now is the committed one within {@code error}: {@code equal within the error},
   * {@code better}, or {@code **worse**} when it moved the wrong way by more than the error (the
   * test of {@link #compare}).
   */
  static String verdict(double before, double now, double error, boolean higherIsBetter) {
    if (Math.abs(now - before) <= error) {
      return "equal within the error";
    }
    return higherIsBetter == now > before ? "better" : "**worse**";
  }

  /** The section comparing this run's ratios with the committed ones. */
  static String compare(
      Map<String, Map<String, Double>> committed,
      BiFunction<String, String, Ratio> ratio,
      Map<String, String> units) {
    StringBuilder md =
        new StringBuilder(
            "\n## Against the committed run\n\nEach ratio of ours to the floor and to the stock"
                + " client, in the committed `benchmarks/RESULTS.md` and in this run. *Worse* means"
                + " it moved the wrong way by more than this run's error.\n\n"
                + "| figure | ours / floor: committed → now | ours / stock: committed → now | |\n"
                + "|---|---|---|---|\n");
    int worse = 0;
    int compared = 0;
    for (Map.Entry<String, Map<String, Double>> row : committed.entrySet()) {
      String figure = row.getKey();
      if (!units.containsKey(figure)
          || figure.endsWith(" records")
          || figure.endsWith(" request bytes")) {
        continue; // calls/s scaled: the same measurement as the figure of calls
      }
      boolean higherIsBetter = units.get(figure).endsWith("/s");
      StringBuilder line = new StringBuilder("| ").append(figure);
      boolean rowWorse = false;
      boolean any = false;
      for (String column : List.of("ours / floor", "ours / stock")) {
        Double before = row.getValue().get(column);
        Ratio now = ratio.apply(figure, COLUMNS.get(column));
        if (before == null || now == null) {
          line.append(" | -");
          continue;
        }
        any = true;
        boolean w =
            higherIsBetter
                ? now.value() + now.error() < before
                : now.value() - now.error() > before;
        rowWorse |= w;
        line.append(String.format(Locale.ROOT, " | %.2f× → %s", before, now));
      }
      if (!any) {
        continue;
      }
      compared++;
      if (rowWorse) {
        worse++;
      }
      md.append(line).append(" | ").append(rowWorse ? "**worse**" : "no worse").append(" |\n");
    }
    md.append(
        String.format(
            Locale.ROOT,
            "\nNo figure worse than the committed run: %s (%d of %d figures worse).\n",
            worse == 0 ? "met" : "**not met**",
            worse,
            compared));
    return md.toString();
  }
}
