package io.ecdp.customers.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Writes the coverage matrix (operation x documented status: Pact, Prism) as Markdown. */
final class ContractReport {

  /** The report's totals. */
  record Totals(int documented, int byPact, int byPrism, List<String> uncovered) {
    @Override
    public String toString() {
      return "contract coverage: "
          + documented
          + " documented responses; covered by Pact "
          + byPact
          + "/"
          + documented
          + ", by Prism "
          + byPrism
          + "/"
          + documented;
    }
  }

  private ContractReport() {}

  /** Writes the report to {@code out} and returns its totals. */
  static Totals write(
      SpecExamples spec, Set<PrismChecks.Cell> pact, Set<PrismChecks.Cell> prism, Path out)
      throws IOException {
    StringBuilder md =
        new StringBuilder("# Contract coverage\n\n")
            .append("Every documented response of every operation, and what verified it.\n\n")
            .append("| operation | | status | Pact | Prism |\n|---|---|---|---|---|\n");
    int documented = 0;
    int byPact = 0;
    int byPrism = 0;
    List<String> uncovered = new ArrayList<>();
    for (SpecExamples.Operation op : spec.operations()) {
      for (int status : spec.statuses(op)) {
        PrismChecks.Cell cell = new PrismChecks.Cell(op.id(), status);
        boolean p = pact.contains(cell);
        boolean m = prism.contains(cell);
        documented++;
        byPact += p ? 1 : 0;
        byPrism += m ? 1 : 0;
        if (!p || !m) {
          uncovered.add(op.label() + " " + status + (p ? "" : " (Pact)") + (m ? "" : " (Prism)"));
        }
        md.append("| `")
            .append(op.id())
            .append("` | `")
            .append(op.label())
            .append("` | ")
            .append(status)
            .append(" | ")
            .append(p ? "yes" : "**no**")
            .append(" | ")
            .append(m ? "yes" : "**no**")
            .append(" |\n");
      }
    }
    Totals totals = new Totals(documented, byPact, byPrism, uncovered);
    md.append("\n").append(totals).append(".\n");
    Files.createDirectories(out.getParent());
    Files.writeString(out, md.toString());
    return totals;
  }
}
