package io.kuberoute.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/** The objects of the top-level {@code deploy/} directory, read with fabric8's deserialiser. */
final class DeployFiles {
  private DeployFiles() {}

  static final Path DIR = Path.of("..", "deploy");

  /** Every {@code .yaml} file under deploy/, in path order. */
  static List<Path> files() throws IOException {
    try (Stream<Path> s = Files.walk(DIR)) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  /** The objects of {@code file} (one or several documents). */
  static List<HasMetadata> read(Path file) throws IOException {
    List<HasMetadata> out = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      flatten(new KubernetesSerialization().unmarshal(in), out);
    }
    return out;
  }

  static List<HasMetadata> all() throws IOException {
    List<HasMetadata> out = new ArrayList<>();
    for (Path f : files()) {
      out.addAll(read(f));
    }
    return out;
  }

  static <T extends HasMetadata> T one(Class<T> type, String name) throws IOException {
    return all().stream()
        .filter(type::isInstance)
        .map(type::cast)
        .filter(o -> o.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name + " in deploy/"));
  }

  /** Whether {@code rules} allow {@code verb} on {@code group/resource} (named {@code name}, or null). */
  static boolean allows(List<PolicyRule> rules, String group, String resource, String verb, String name) {
    for (PolicyRule r : rules) {
      List<String> names = r.getResourceNames() == null ? List.of() : r.getResourceNames();
      boolean named = names.isEmpty() || (name != null && names.contains(name));
      if (r.getApiGroups().contains(group)
          && r.getResources().contains(resource)
          && r.getVerbs().contains(verb)
          && named) {
        return true;
      }
    }
    return false;
  }

  private static void flatten(Object parsed, List<HasMetadata> out) {
    if (parsed instanceof KubernetesList list) {
      out.addAll(list.getItems());
    } else if (parsed instanceof Collection<?> many) {
      many.forEach(o -> flatten(o, out));
    } else if (parsed instanceof HasMetadata one) {
      out.add(one);
    } else {
      throw new AssertionError("not a Kubernetes object: " + parsed);
    }
  }
}
