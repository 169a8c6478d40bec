package io.kuberoute.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.app.SyncService;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The line between the core's API and its {@code internal} packages: no public signature of an API
 * package names an internal type, and no module but the core and the benchmarks imports one.
 */
class InternalPackagesTest {

  private static final String INTERNAL = "io.kuberoute.core.internal";

  /** Modules that may use the internals: the core itself, and the benchmarks that measure them. */
  private static final Set<String> ALLOWED = Set.of("kuberoute-core", "kuberoute-bench");

  /** The core's own tests that need the testkit's fixtures live there, in the core's packages. */
  private static final Path CORE_TESTS_IN_TESTKIT =
      Path.of("kuberoute-testkit/src/test/java/io/kuberoute/core");

  @Test
  void noPublicSignatureOfAnApiPackageNamesAnInternalType() throws Exception {
    Path classes =
        Path.of(SyncService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> leaks = new ArrayList<>();
    List<String> checked = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name =
            classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        if (name.startsWith(INTERNAL) || name.endsWith("package-info")) {
          continue;
        }
        Class<?> type = Class.forName(name, false, getClass().getClassLoader());
        if (!isApi(type)) {
          continue;
        }
        checked.add(name);
        leaks.addAll(leaks(type));
      }
    }
    assertThat(checked)
        .contains("io.kuberoute.core.app.SyncService", "io.kuberoute.core.plan.Planner");
    assertThat(leaks).isEmpty();
  }

  @Test
  void noModuleButTheCoreAndTheBenchmarksImportsAnInternalPackage()
      throws IOException, URISyntaxException {
    Path root = Path.of("").toAbsolutePath().getParent();
    assertThat(root.resolve("kuberoute-core/pom.xml")).exists();
    List<Path> sources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      files
          .filter(f -> f.toString().endsWith(".java"))
          .filter(f -> f.toString().contains("/src/"))
          .filter(f -> !ALLOWED.contains(root.relativize(f).getName(0).toString()))
          .filter(f -> !root.relativize(f).startsWith(CORE_TESTS_IN_TESTKIT))
          .forEach(sources::add);
    }
    assertThat(sources).anyMatch(f -> f.toString().contains("kuberoute-cli/src/main/java"));
    Set<String> offenders = new TreeSet<>();
    for (Path f : sources) {
      if (Files.readString(f, StandardCharsets.UTF_8).contains(INTERNAL)) {
        offenders.add(root.relativize(f).toString());
      }
    }
    assertThat(offenders).isEmpty();
  }

  private static boolean isApi(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) {
        return false;
      }
    }
    return true;
  }

  private static List<String> leaks(Class<?> type) {
    List<String> out = new ArrayList<>();
    String where = type.getName();
    check(out, where + " extends", type.getGenericSuperclass());
    for (Type t : type.getGenericInterfaces()) {
      check(out, where + " implements", t);
    }
    if (type.isRecord()) {
      for (RecordComponent c : type.getRecordComponents()) {
        check(out, where + "." + c.getName(), c.getGenericType());
      }
    }
    for (Field f : type.getDeclaredFields()) {
      if (visible(f.getModifiers())) {
        check(out, where + "." + f.getName(), f.getGenericType());
      }
    }
    for (Constructor<?> c : type.getDeclaredConstructors()) {
      if (visible(c.getModifiers())) {
        for (Type t : c.getGenericParameterTypes()) {
          check(out, where + "(constructor)", t);
        }
      }
    }
    for (Method m : type.getDeclaredMethods()) {
      if (visible(m.getModifiers()) && !m.isSynthetic()) {
        check(out, where + "." + m.getName() + " returns", m.getGenericReturnType());
        for (Type t : m.getGenericParameterTypes()) {
          check(out, where + "." + m.getName() + " takes", t);
        }
        for (Type t : m.getGenericExceptionTypes()) {
          check(out, where + "." + m.getName() + " throws", t);
        }
      }
    }
    return out;
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static void check(List<String> out, String where, Type type) {
    if (type == null) {
      return;
    }
    if (type instanceof Class<?> c) {
      if (c.isArray()) {
        check(out, where, c.getComponentType());
      } else if (c.getName().startsWith(INTERNAL)) {
        out.add(where + " " + c.getName());
      }
    } else if (type instanceof ParameterizedType p) {
      check(out, where, p.getRawType());
      for (Type a : p.getActualTypeArguments()) {
        check(out, where, a);
      }
    } else if (type instanceof GenericArrayType a) {
      check(out, where, a.getGenericComponentType());
    } else if (type instanceof WildcardType w) {
      for (Type b : w.getUpperBounds()) {
        check(out, where, b);
      }
      for (Type b : w.getLowerBounds()) {
        check(out, where, b);
      }
    } else if (type instanceof TypeVariable<?> v) {
      for (Type b : v.getBounds()) {
        if (b != Object.class) {
          check(out, where, b);
        }
      }
    }
  }
}
