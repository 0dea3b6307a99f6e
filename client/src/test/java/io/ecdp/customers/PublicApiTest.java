package io.ecdp.customers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Freezes the public API: every public or protected type, constructor, method and field of the
 * packages {@code module-info.java} exports, as one line each in {@code api/public-api.txt}.
 *
 * <p>A line that is gone or changed is a breaking change: it fails unless {@code
 * api/accepted-api-changes.txt} lists it with a reason. A new line fails too until the dump records
 * it ({@code -Decdp.api.update=true} rewrites the dump), so that every addition is a reviewed line
 * in a pull request.
 */
class PublicApiTest {

  private static final Path DUMP = Path.of("api/public-api.txt");
  private static final Path ACCEPTED = Path.of("api/accepted-api-changes.txt");

  @Test
  void publicApi_matchesTheCommittedDump_andEveryRemovalIsAccepted() throws Exception {
    List<String> current = dump();
    if (Boolean.getBoolean("ecdp.api.update")) {
      Files.write(DUMP, current, StandardCharsets.UTF_8);
    }
    List<String> committed = Files.readAllLines(DUMP, StandardCharsets.UTF_8);
    Map<String, String> accepted = accepted();
    List<String> removed =
        committed.stream().filter(l -> !current.contains(l) && !accepted.containsKey(l)).toList();
    List<String> added = current.stream().filter(l -> !committed.contains(l)).toList();
    assertThat(removed)
        .as(
            "removed or changed API: a breaking change; list each line with a reason in %s",
            ACCEPTED)
        .isEmpty();
    assertThat(added)
        .as("new API not in %s: run with -Decdp.api.update=true and review the diff", DUMP)
        .isEmpty();
  }

  @Test
  void exportedPackages_holdNoTypeOfTheTransportOrOfJsonB() throws Exception {
    assertThat(dump())
        .noneMatch(l -> l.contains("jakarta.ws.rs") || l.contains("org.glassfish"))
        .noneMatch(l -> l.contains("org.apache.hc") || l.contains("jakarta.json"))
        .noneMatch(l -> l.contains(".internal."));
  }

  @Test
  void publicApi_holdsNoWireDetail_andNoRecordWhoseConstructorWouldFreezeItsMembers()
      throws Exception {
    assertThat(dump())
        .noneMatch(l -> l.contains("pathTemplate") || l.contains("parameter()"))
        // The one wire detail on purpose: the spec's path template, OpenTelemetry's url.template,
        // which listeners need to name a call without a customer value.
        .filteredOn(l -> l.contains("urlTemplate"))
        .isNotEmpty()
        .allMatch(l -> l.startsWith("method io.ecdp.customers.events."));
    assertThat(dump())
        .noneMatch(l -> l.startsWith("record "))
        .noneMatch(l -> l.startsWith("constructor "));
  }

  @Test
  void dump_seesWhatItMustSee() throws Exception {
    // A control: the gate can fail only if the dump holds the surface.
    assertThat(dump())
        .contains("class io.ecdp.customers.CustomerKey [final]")
        .anyMatch(l -> l.startsWith("method io.ecdp.customers.Customers.get(io.ecdp.customers"))
        .noneMatch(l -> l.contains("UpsertCustomersRequest"));
  }

  private static Map<String, String> accepted() throws IOException {
    if (!Files.exists(ACCEPTED)) {
      return Map.of();
    }
    return Files.readAllLines(ACCEPTED, StandardCharsets.UTF_8).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .map(l -> l.split(" -- ", 2))
        .peek(
            parts -> {
              if (parts.length < 2 || parts[1].isBlank()) {
                throw new IllegalStateException(
                    "an accepted change needs ' -- ' and a reason: " + String.join("", parts));
              }
            })
        .collect(Collectors.toMap(p -> p[0].strip(), p -> p[1].strip(), (a, b) -> a));
  }

  /** Returns the sorted lines of the public API of the exported packages. */
  static List<String> dump() throws Exception {
    ModuleDescriptor module;
    try (var in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      module = ModuleDescriptor.read(in);
    }
    TreeSet<String> lines = new TreeSet<>();
    for (ModuleDescriptor.Exports export : module.exports()) {
      if (export.isQualified()) {
        continue;
      }
      Path dir = Path.of("target/classes", export.source().replace('.', '/'));
      List<Path> classes;
      try (Stream<Path> files = Files.list(dir)) {
        classes = files.filter(f -> f.toString().endsWith(".class")).sorted().toList();
      }
      for (Path file : classes) {
        String name = file.getFileName().toString().replace(".class", "");
        if (name.equals("package-info")) {
          continue;
        }
        Class<?> type =
            Class.forName(
                export.source() + "." + name.replace('$', '$'),
                false,
                PublicApiTest.class.getClassLoader());
        if (visible(type)) {
          describe(type, lines);
        }
      }
    }
    return new ArrayList<>(lines);
  }

  private static boolean visible(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
      if (!Modifier.isPublic(t.getModifiers()) && !Modifier.isProtected(t.getModifiers())) {
        return false;
      }
    }
    return !type.isSynthetic() && !type.isAnonymousClass();
  }

  private static void describe(Class<?> type, Set<String> lines) {
    String kind =
        type.isAnnotation()
            ? "annotation"
            : type.isEnum()
                ? "enum"
                : type.isInterface() ? "interface" : type.isRecord() ? "record" : "class";
    StringBuilder head = new StringBuilder(kind).append(' ').append(type.getName());
    String mods = Modifier.toString(type.getModifiers() & (Modifier.FINAL | Modifier.ABSTRACT));
    if (type.isSealed()) {
      head.append(" sealed");
    }
    if (!mods.isEmpty() && !type.isInterface() && !type.isEnum()) {
      head.append(" [").append(mods).append(']');
    }
    if (type.getSuperclass() != null
        && type.getSuperclass() != Object.class
        && !type.isEnum()
        && !type.isRecord()) {
      head.append(" extends ").append(type.getSuperclass().getName());
    }
    String interfaces =
        Arrays.stream(type.getInterfaces())
            .map(Class::getName)
            .sorted()
            .collect(Collectors.joining(","));
    if (!interfaces.isEmpty()) {
      head.append(" implements ").append(interfaces);
    }
    lines.add(head.toString());
    for (Constructor<?> c : type.getDeclaredConstructors()) {
      if (isApi(c.getModifiers()) && !type.isEnum()) {
        lines.add("constructor " + type.getName() + signature(c));
      }
    }
    for (Method m : type.getDeclaredMethods()) {
      if (isApi(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
        lines.add(
            "method "
                + type.getName()
                + "."
                + m.getName()
                + signature(m)
                + " : "
                + m.getGenericReturnType().getTypeName()
                + (Modifier.isStatic(m.getModifiers()) ? " [static]" : ""));
      }
    }
    for (Field f : type.getDeclaredFields()) {
      if (isApi(f.getModifiers()) && !f.isSynthetic()) {
        lines.add(
            "field "
                + type.getName()
                + "."
                + f.getName()
                + " : "
                + f.getGenericType().getTypeName());
      }
    }
    for (Class<?> nested : type.getDeclaredClasses()) {
      if (visible(nested)) {
        describe(nested, lines);
      }
    }
  }

  private static boolean isApi(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static String signature(Executable e) {
    return Arrays.stream(e.getGenericParameterTypes())
        .map(java.lang.reflect.Type::getTypeName)
        .collect(Collectors.joining(",", "(", ")"));
  }
}
