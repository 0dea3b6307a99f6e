package io.ecdp.customers.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The release profile, end to end: a copy of the repository is set to a release version ({@code
 * versions:set}), built with {@code -Prelease deploy}, signed by a key this test makes in a
 * throwaway GnuPG home, and uploaded by the Central Portal plugin to a stand-in for the Portal's
 * publisher API on the loopback interface (the real one is never contacted). The bundle it received
 * is checked against the rules Central enforces.
 */
class ReleaseBundleIT {

  static final String RELEASE = "0.1.0";
  static final String GROUP_PATH = "io/ecdp/customers";

  /** The libraries the BOM manages, each a jar with its sources and Javadoc. */
  static final List<String> LIBRARIES =
      List.of(
          "ecdp-customers-client",
          "ecdp-customers-sandbox",
          "ecdp-customers-import-engine",
          "ecdp-customers-contract-verifier",
          "ecdp-customers-opentelemetry",
          "ecdp-customers-micrometer",
          "ecdp-customers-spring-boot-starter",
          "ecdp-customers-spring-boot-test",
          "ecdp-customers-kafka-connect");

  static final List<String> PUBLISHED =
      Stream.concat(
              Stream.of("ecdp-customers-parent", "ecdp-customers-bom", "ecdp-customers-cli"),
              LIBRARIES.stream())
          .toList();

  static Path work;
  static Path gnupgHome;
  static String fingerprint;
  static Map<String, byte[]> bundle;
  static FakeCentral central;

  @BeforeAll
  static void releaseACopy() throws Exception {
    work = Path.of(System.getProperty("ecdp.release.work"));
    Path copy = work.resolve("repo");
    deleteRecursively(work);
    Files.createDirectories(work);
    copyTree(Path.of(System.getProperty("ecdp.root")), copy);

    // A throwaway signing key; the home directory path stays short for gpg-agent's socket.
    gnupgHome =
        Files.createTempDirectory(
            Path.of("/tmp"),
            "gpg",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    run(
        gnupgHome,
        work.resolve("gpg-key.log"),
        List.of(
            "gpg",
            "--batch",
            "--passphrase",
            "",
            "--quick-generate-key",
            "ECDP release check <release-check@example.invalid>",
            "ed25519",
            "sign",
            "1d"),
        2);
    String keys =
        run(
            gnupgHome,
            work.resolve("gpg-list.log"),
            List.of("gpg", "--batch", "--with-colons", "--list-secret-keys"),
            1);
    fingerprint =
        keys.lines()
            .filter(l -> l.startsWith("fpr:"))
            .map(l -> l.split(":", -1)[9])
            .findFirst()
            .orElseThrow();

    mvn(
        copy,
        work.resolve("versions-set.log"),
        "versions:set",
        "-DnewVersion=" + RELEASE,
        "-DprocessAllModules=true",
        "-DgenerateBackupPoms=false");
    // Credentials for the stand-in Portal only. Given as global settings, so that a user's own
    // settings (mirrors) still apply.
    central = FakeCentral.start(work.resolve("uploaded"));
    Path settings = work.resolve("central-settings.xml");
    Files.writeString(
        settings,
        "<settings><servers><server><id>central</id><username>release-check</username>"
            + "<password>never-sent</password></server></servers></settings>\n");
    mvn(
        copy,
        work.resolve("release.log"),
        "-gs",
        settings.toString(),
        "-Prelease",
        "deploy",
        "-pl",
        "bom,client,sandbox,import-engine,contract-verifier,opentelemetry,micrometer,"
            + "spring-boot-starter,spring-boot-test,kafka-connect,cli",
        "-am",
        // The outer build compiled, tested, formatted and analysed these very sources; this one
        // builds what is published, so it skips the tests' compilation and those checks.
        "-Dmaven.test.skip=true",
        "-Dspotless.check.skip=true",
        "-Dmdep.analyze.skip=true",
        "-Dskip.npm=true",
        "-Dmaven.install.skip=true",
        "-DcentralBaseUrl=" + central.uri(),
        "-Dgpg.homedir=" + gnupgHome,
        "-Dgpg.keyname=" + fingerprint);

    assertThat(central.uploads()).as("bundles uploaded").hasSize(1);
    Path zip = central.uploads().get(0);
    bundle = new TreeMap<>();
    try (ZipFile z = new ZipFile(zip.toFile())) {
      for (ZipEntry e : java.util.Collections.list(z.entries())) {
        if (!e.isDirectory()) {
          try (InputStream in = z.getInputStream(e)) {
            bundle.put(e.getName(), in.readAllBytes());
          }
        }
      }
    }
  }

  @AfterAll
  static void stopAgent() throws Exception {
    if (central != null) {
      central.close();
    }
    if (gnupgHome != null) {
      new ProcessBuilder("gpgconf", "--kill", "gpg-agent")
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor(30, TimeUnit.SECONDS);
      deleteRecursively(gnupgHome);
    }
  }

  @Test
  void upload_carriesTheTokenAndLeavesPublishingToAPerson() {
    assertThat(central.requests())
        .anyMatch(
            r ->
                r.startsWith("POST /api/v1/publisher/upload?")
                    && r.contains("publishingType=USER_MANAGED"));
    String expected =
        java.util.Base64.getEncoder()
            .encodeToString("release-check:never-sent".getBytes(StandardCharsets.UTF_8));
    assertThat(central.authorizations())
        .isNotEmpty()
        .allMatch(a -> a.equals("UserToken " + expected));
  }

  @Test
  void bundle_holdsEveryPublishedModuleAndNothingElse() {
    Map<String, List<String>> byArtifact =
        bundle.keySet().stream()
            .collect(
                Collectors.groupingBy(
                    ReleaseBundleIT::artifactOf, TreeMap::new, Collectors.toList()));
    assertThat(byArtifact.keySet()).containsExactlyInAnyOrderElementsOf(PUBLISHED);
    assertThat(bundle.keySet()).allMatch(n -> n.startsWith(GROUP_PATH + "/"));
    assertThat(bundle.keySet()).allMatch(n -> n.contains("/" + RELEASE + "/"));
  }

  @Test
  void jarModules_shipJarSourcesAndJavadoc_cliAndConnectorAlsoTheirArchives() {
    for (String a : Stream.concat(LIBRARIES.stream(), Stream.of("ecdp-customers-cli")).toList()) {
      String base = GROUP_PATH + "/" + a + "/" + RELEASE + "/" + a + "-" + RELEASE;
      assertThat(bundle)
          .containsKeys(base + ".pom", base + ".jar", base + "-sources.jar", base + "-javadoc.jar");
    }
    String cli = GROUP_PATH + "/ecdp-customers-cli/" + RELEASE + "/ecdp-customers-cli-" + RELEASE;
    assertThat(bundle).containsKeys(cli + "-bin.tar.gz", cli + "-bin.zip");
    String connector =
        GROUP_PATH
            + "/ecdp-customers-kafka-connect/"
            + RELEASE
            + "/ecdp-customers-kafka-connect-"
            + RELEASE;
    assertThat(bundle).containsKey(connector + "-plugin.zip");
    for (String a : List.of("ecdp-customers-parent", "ecdp-customers-bom")) {
      assertThat(bundle)
          .containsKey(GROUP_PATH + "/" + a + "/" + RELEASE + "/" + a + "-" + RELEASE + ".pom");
    }
  }

  @Test
  void everyFile_hasAValidSignatureAndMatchingChecksums() throws Exception {
    List<String> files = primaryFiles();
    assertThat(files).hasSizeGreaterThanOrEqualTo(14);
    Path verifyDir = Files.createDirectories(work.resolve("verify"));
    for (String f : files) {
      byte[] content = bundle.get(f);
      assertThat(bundle)
          .as(f + " signature and checksums")
          .containsKeys(f + ".asc", f + ".md5", f + ".sha1");
      assertThat(text(f + ".md5")).as(f + ".md5").isEqualTo(digest("MD5", content));
      assertThat(text(f + ".sha1")).as(f + ".sha1").isEqualTo(digest("SHA-1", content));
      if (bundle.containsKey(f + ".sha256")) {
        assertThat(text(f + ".sha256")).isEqualTo(digest("SHA-256", content));
      }
      Path file = verifyDir.resolve(Path.of(f).getFileName().toString());
      Files.write(file, content);
      Path sig = verifyDir.resolve(file.getFileName() + ".asc");
      Files.write(sig, bundle.get(f + ".asc"));
      String out =
          run(
              gnupgHome,
              work.resolve("gpg-verify.log"),
              List.of(
                  "gpg",
                  "--batch",
                  "--status-fd",
                  "1",
                  "--verify",
                  sig.toString(),
                  file.toString()),
              1);
      assertThat(out).as(f + " signature").contains("[GNUPG:] VALIDSIG " + fingerprint);
    }
  }

  @Test
  void everyPom_hasWhatCentralRequires_andNoSnapshot() throws Exception {
    Document parent = pom("ecdp-customers-parent");
    for (String a : PUBLISHED) {
      Document pom = pom(a);
      Element project = pom.getDocumentElement();
      String where = a + ".pom";
      assertThat(child(project, "artifactId")).as(where).isEqualTo(a);
      assertThat(inherited(pom, "groupId")).as(where).isEqualTo("io.ecdp.customers");
      assertThat(inherited(pom, "version")).as(where).isEqualTo(RELEASE);
      assertThat(child(project, "name")).as(where + " name").isNotBlank();
      assertThat(child(project, "description")).as(where + " description").isNotBlank();
      String url = child(project, "url");
      if (url == null) {
        url = child(parent.getDocumentElement(), "url");
      }
      assertThat(url)
          .as(where + " url")
          .startsWith("https://github.com/ecdp-customers/ecdp-customers-java");
      assertThat(url).as(where + " url (not the inherited module suffix)").doesNotEndWith("/" + a);
      Element licenses = section(pom, parent, "licenses");
      assertThat(text(licenses, "license/name")).as(where + " licence").isEqualTo("Apache-2.0");
      assertThat(text(licenses, "license/url")).as(where + " licence url").startsWith("https://");
      Element developers = section(pom, parent, "developers");
      assertThat(text(developers, "developer/name")).as(where + " developer").isNotBlank();
      Element scm = section(pom, parent, "scm");
      assertThat(text(scm, "connection"))
          .as(where + " scm")
          .startsWith("scm:git:https://github.com/");
      assertThat(text(scm, "url")).as(where + " scm url").startsWith("https://github.com/");
      // Every version: of the project, its parent, dependencies, plugins and version properties.
      NodeList all = pom.getElementsByTagName("*");
      for (int i = 0; i < all.getLength(); i++) {
        Element e = (Element) all.item(i);
        if (e.getTagName().equals("version") || e.getTagName().endsWith(".version")) {
          assertThat(e.getTextContent().trim())
              .as(where + ": " + e.getTagName())
              .doesNotContainIgnoringCase("snapshot");
        }
      }
    }
    assertThat(text(section(pom("ecdp-customers-client"), parent, "issueManagement"), "url"))
        .endsWith("/issues");
  }

  @Test
  void everyJar_carriesTheLicence() throws Exception {
    String licence = Files.readString(Path.of(System.getProperty("ecdp.root"), "LICENSE"));
    for (String f : primaryFiles()) {
      if (!f.endsWith(".jar")) {
        continue;
      }
      String entry = f.endsWith("-javadoc.jar") ? "legal/LICENSE" : "META-INF/LICENSE";
      assertThat(entry(bundle.get(f), entry)).as(f + " " + entry).isEqualTo(licence);
    }
  }

  @Test
  void bom_managesOurModulesOnly_atTheReleaseVersion() throws Exception {
    Document bom = pom("ecdp-customers-bom");
    NodeList deps = bom.getElementsByTagName("dependency");
    Map<String, String> managed = new LinkedHashMap<>();
    for (int i = 0; i < deps.getLength(); i++) {
      Element d = (Element) deps.item(i);
      managed.put(child(d, "groupId") + ":" + child(d, "artifactId"), child(d, "version"));
    }
    assertThat(managed)
        .containsOnlyKeys(LIBRARIES.stream().map(a -> "io.ecdp.customers:" + a).toList());
    assertThat(bom.getElementsByTagName("parent").getLength()).isZero();
  }

  // ---------------------------------------------------------------------------------------------

  private static List<String> primaryFiles() {
    return bundle.keySet().stream()
        .filter(n -> !n.matches(".*\\.(asc|md5|sha1|sha256|sha512)$"))
        .collect(Collectors.toList());
  }

  private static String artifactOf(String name) {
    String rest = name.substring(GROUP_PATH.length() + 1);
    return rest.substring(0, rest.indexOf('/'));
  }

  private static String path(String artifact, String suffix) {
    return GROUP_PATH + "/" + artifact + "/" + RELEASE + "/" + artifact + "-" + RELEASE + suffix;
  }

  private static Document pom(String artifact) throws Exception {
    byte[] bytes = bundle.get(path(artifact, ".pom"));
    assertThat(bytes).as(artifact + ".pom").isNotNull();
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(bytes));
  }

  private static String inherited(Document pom, String name) {
    String own = child(pom.getDocumentElement(), name);
    if (own != null) {
      return own;
    }
    Element p = firstChild(pom.getDocumentElement(), "parent");
    return p == null ? null : child(p, name);
  }

  private static Element section(Document pom, Document parent, String name) {
    Element own = firstChild(pom.getDocumentElement(), name);
    if (own != null) {
      return own;
    }
    assertThat(firstChild(pom.getDocumentElement(), "parent")).as("inherits " + name).isNotNull();
    return firstChild(parent.getDocumentElement(), name);
  }

  private static Element firstChild(Element e, String name) {
    if (e == null) {
      return null;
    }
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c && c.getTagName().equals(name)) {
        return c;
      }
    }
    return null;
  }

  private static String child(Element e, String name) {
    Element c = firstChild(e, name);
    return c == null ? null : c.getTextContent().trim();
  }

  private static String text(Element e, String path) {
    Element at = e;
    for (String step : path.split("/", -1)) {
      at = firstChild(at, step);
    }
    return at == null ? null : at.getTextContent().trim();
  }

  private static String text(String name) {
    return new String(bundle.get(name), StandardCharsets.US_ASCII).trim().split("\\s+", -1)[0];
  }

  private static String digest(String algorithm, byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
  }

  private static String entry(byte[] jar, String name) throws IOException {
    try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(jar))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        if (e.getName().equals(name)) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    return null;
  }

  private static void mvn(Path dir, Path log, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("ecdp.maven.home"), "bin", "mvn").toString());
    command.add("-B");
    command.add("-ntp");
    if (Boolean.parseBoolean(System.getProperty("ecdp.offline"))) {
      command.add("-o");
    }
    // The outer build's local repository: plugins and dependencies are already there.
    command.add("-Dmaven.repo.local=" + System.getProperty("ecdp.local.repository"));
    command.addAll(List.of(args));
    run(dir, log, command, 10);
  }

  private static String run(Path dir, Path log, List<String> command, int minutes)
      throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("GNUPGHOME", gnupgHome.toString());
    pb.environment().remove("MAVEN_OPTS");
    Process p = pb.start();
    if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish; see " + log);
    }
    String out = Files.readString(log);
    if (p.exitValue() != 0) {
      List<String> lines = out.lines().toList();
      throw new AssertionError(
          String.join(" ", command)
              + " failed ("
              + p.exitValue()
              + "):\n"
              + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
    }
    return out;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path rel = from.relativize(f);
        if (skipped(rel)) {
          continue;
        }
        Path dest = to.resolve(rel.toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(dest);
        } else if (Files.isRegularFile(f)) {
          Files.createDirectories(dest.getParent());
          Files.copy(f, dest, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static boolean skipped(Path rel) {
    for (Path part : rel) {
      String s = part.toString();
      if (s.equals(".git") || s.equals("target") || s.equals("node_modules") || s.equals(".ecdp")) {
        return true;
      }
    }
    return false;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }
}
