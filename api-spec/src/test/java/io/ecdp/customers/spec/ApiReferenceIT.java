package io.ecdp.customers.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Checks the HTML API reference built into {@code target/api-reference/} for reviewers. */
class ApiReferenceIT {

  private static final Path HTML = Path.of(System.getProperty("ecdp.api.reference"));
  private static final Path TARGET = Path.of(System.getProperty("ecdp.target"));
  private static final Pattern FETCHED_RESOURCE =
      Pattern.compile(
          "<script[^>]*\\bsrc\\s*=|<link[^>]*\\brel\\s*=\\s*\"?stylesheet[^>]*\\bhref\\s*=\\s*\"?(https?:)?//"
              + "|<img[^>]*\\bsrc\\s*=\\s*\"?(https?:)?//|@import\\s+url\\(\\s*['\"]?(https?:)?//"
              + "|<iframe",
          Pattern.CASE_INSENSITIVE);

  @Test
  void reference_isSelfContained_noScriptOrStyleFetchedFromTheNetwork() throws IOException {
    String html = Files.readString(HTML, StandardCharsets.UTF_8);
    Matcher m = FETCHED_RESOURCE.matcher(html);
    List<String> fetched = new ArrayList<>();
    while (m.find()) {
      fetched.add(html.substring(m.start(), Math.min(html.length(), m.end() + 60)));
    }
    assertThat(fetched).isEmpty();
  }

  @Test
  void reference_rendersInHeadlessChromium_withEveryOperation() throws Exception {
    String chromium = findChromium();
    Path png = TARGET.resolve("api-reference-screenshot.png");
    Files.deleteIfExists(png);
    String dom =
        runChromium(chromium, "--dump-dom", "--virtual-time-budget=2000", HTML.toUri().toString());
    runChromium(
        chromium,
        "--screenshot=" + png,
        "--window-size=1280,2400",
        "--hide-scrollbars",
        HTML.toUri().toString());

    // The page's text as a reader sees it (the method is upper-cased by CSS only).
    String text = dom.replaceAll("<[^>]+>", "").replaceAll("\\s+", " ");
    SpecDocument spec = SpecDocument.read(SpecDocument.specUnderTest());
    List<String> missing = new ArrayList<>();
    spec.forEachOperation(
        (method, path, op, item) -> {
          for (String expected :
              List.of(
                  method + " " + path,
                  op.path("operationId").asText(),
                  op.path("summary").asText())) {
            if (!text.contains(expected)) {
              missing.add(expected);
            }
          }
        });
    assertThat(missing).as("operations missing from the rendered page").isEmpty();

    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).as("screenshot %s", png).isNotNull();
    assertThat(image.getWidth()).isEqualTo(1280);
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 7) {
      for (int x = 0; x < image.getWidth(); x += 7) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertThat(colours.size()).as("distinct colours: a blank page has one").isGreaterThan(20);
  }

  private static String runChromium(String chromium, String... args) throws Exception {
    Path profile = Files.createTempDirectory("chromium-profile");
    List<String> command =
        new ArrayList<>(
            List.of(
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                // Any host lookup fails: the page must render from the file alone.
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--user-data-dir=" + profile));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("chromium", ".out");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish in 90 s: " + command);
    }
    assertThat(p.exitValue()).as("chromium exit code for %s", command).isZero();
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private static String findChromium() {
    List<String> candidates = new ArrayList<>();
    String configured = System.getenv("CHROMIUM");
    if (configured != null && !configured.isBlank()) {
      candidates.add(configured);
    }
    candidates.addAll(
        List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"));
    for (String c : candidates) {
      if (Files.isExecutable(Path.of(c))) {
        return c;
      }
    }
    String hint =
        "no Chromium found (tried " + candidates + "; set CHROMIUM or install `chromium`)";
    if (System.getenv("CI") != null) {
      fail(hint + ": CI must render the API reference");
    }
    Assumptions.abort(hint);
    return null;
  }
}
