package io.kuberoute.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The deploy kit as Kubernetes receives it: each {@code deploy/overlays/<name>} rendered with
 * {@code kubectl kustomize} (what {@code kubectl apply -k} applies) and read with fabric8's
 * deserialiser; and the facts of the {@code Dockerfile} the kit relies on.
 *
 * <p>Without kubectl the tests that render are skipped with a message, except when {@code
 * KUBEROUTE_CI=1}: then they fail, so CI never passes without having checked the kit.
 */
final class DeployFiles {
  private DeployFiles() {}

  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path DEPLOY = ROOT.resolve("deploy");
  static final Path OVERLAYS = DEPLOY.resolve("overlays");

  /** The overlays the kit promises; {@link #overlays()} must hold at least these. */
  static final List<String> PROMISED =
      List.of("fakedns", "route53", "skydns", "rfc2136", "webhook", "ha");

  private static final Map<Path, String> RENDERED = new ConcurrentHashMap<>();

  /** The names of the directories under deploy/overlays/, sorted. */
  static List<String> overlays() throws IOException {
    try (Stream<Path> s = Files.list(OVERLAYS)) {
      return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** The objects {@code kubectl apply -k deploy/overlays/<name>} applies, in kustomize's order. */
  static List<HasMetadata> overlay(String name) {
    return render(OVERLAYS.resolve(name));
  }

  /** The objects {@code kubectl kustomize dir} prints, in its order. */
  static List<HasMetadata> render(Path dir) {
    String yaml = RENDERED.computeIfAbsent(dir.normalize(), DeployFiles::kustomize);
    List<HasMetadata> out = new ArrayList<>();
    flatten(new KubernetesSerialization().unmarshal(yaml), out);
    return out;
  }

  private static String kustomize(Path dir) {
    Optional<Path> kubectl = onPath("kubectl");
    if (kubectl.isEmpty()) {
      String message =
          "kubectl is not on the PATH: it renders the kustomizations under deploy/ (install"
              + " kubectl 1.27 or newer)";
      if ("1".equals(System.getenv("KUBEROUTE_CI"))) {
        throw new AssertionError(message + "; KUBEROUTE_CI=1 does not allow skipping");
      }
      Assumptions.abort(message + "; skipped (set KUBEROUTE_CI=1 to fail instead)");
    }
    try {
      Path err = Files.createTempFile("kustomize", ".err");
      try {
        Process p =
            new ProcessBuilder(kubectl.get().toString(), "kustomize", dir.toString())
                .redirectError(err.toFile())
                .start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new AssertionError("kubectl kustomize " + dir + " did not finish within 60 s");
        }
        if (p.exitValue() != 0) {
          throw new AssertionError(
              "kubectl kustomize "
                  + dir
                  + " failed (exit "
                  + p.exitValue()
                  + "): "
                  + Files.readString(err));
        }
        return out;
      } finally {
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new AssertionError("cannot run kubectl kustomize " + dir + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static Optional<Path> onPath(String command) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, command);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The only object of {@code type} named {@code name} among {@code objects}. */
  static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type, String name) {
    List<T> found =
        all(objects, type).stream().filter(o -> o.getMetadata().getName().equals(name)).toList();
    if (found.size() != 1) {
      throw new AssertionError(
          found.size() + " objects " + type.getSimpleName() + " " + name + ", expected one");
    }
    return found.get(0);
  }

  /**
   * The only object of {@code type} whose name starts with {@code prefix} (generated names end in a
   * hash).
   */
  static <T extends HasMetadata> T generated(
      List<HasMetadata> objects, Class<T> type, String prefix) {
    List<T> found =
        all(objects, type).stream()
            .filter(o -> o.getMetadata().getName().startsWith(prefix + "-"))
            .toList();
    if (found.size() != 1) {
      throw new AssertionError(
          found.size()
              + " objects "
              + type.getSimpleName()
              + " "
              + prefix
              + "-<hash>, expected one");
    }
    return found.get(0);
  }

  static <T extends HasMetadata> List<T> all(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /**
   * The rules granted to the ServiceAccount {@code namespace/name}: those of every ClusterRole a
   * ClusterRoleBinding binds to it (valid everywhere), and those of every Role a RoleBinding binds
   * to it (valid in the binding's namespace).
   */
  static Grants grantsOf(List<HasMetadata> objects, String namespace, String name) {
    Subject account = new Subject(null, "ServiceAccount", name, namespace);
    List<PolicyRule> cluster = new ArrayList<>();
    for (ClusterRoleBinding b : all(objects, ClusterRoleBinding.class)) {
      if (b.getSubjects().contains(account)) {
        if (!b.getRoleRef().getKind().equals("ClusterRole")) {
          throw new AssertionError(
              "ClusterRoleBinding "
                  + b.getMetadata().getName()
                  + " refers to a "
                  + b.getRoleRef().getKind());
        }
        cluster.addAll(one(objects, ClusterRole.class, b.getRoleRef().getName()).getRules());
      }
    }
    Map<String, List<PolicyRule>> namespaced = new ConcurrentHashMap<>();
    for (RoleBinding b : all(objects, RoleBinding.class)) {
      if (b.getSubjects().contains(account)) {
        List<PolicyRule> rules =
            switch (b.getRoleRef().getKind()) {
              case "Role" -> {
                Role role = one(objects, Role.class, b.getRoleRef().getName());
                if (!role.getMetadata().getNamespace().equals(b.getMetadata().getNamespace())) {
                  throw new AssertionError(
                      "RoleBinding "
                          + b.getMetadata().getName()
                          + " is in another namespace than its Role");
                }
                yield role.getRules();
              }
              case "ClusterRole" ->
                  one(objects, ClusterRole.class, b.getRoleRef().getName()).getRules();
              default -> throw new AssertionError("unexpected roleRef " + b.getRoleRef());
            };
        namespaced
            .computeIfAbsent(b.getMetadata().getNamespace(), k -> new ArrayList<>())
            .addAll(rules);
      }
    }
    return new Grants(List.copyOf(cluster), Map.copyOf(namespaced));
  }

  /** What a ServiceAccount may do: cluster-wide rules and rules per namespace. */
  record Grants(List<PolicyRule> cluster, Map<String, List<PolicyRule>> namespaced) {

    /**
     * Whether {@code verb} on {@code group/resource} (named {@code name}, or null) in {@code
     * namespace} (or null) is allowed.
     */
    boolean allows(String group, String resource, String verb, String name, String namespace) {
      return DeployFiles.allows(cluster, group, resource, verb, name)
          || (namespace != null
              && DeployFiles.allows(
                  namespaced.getOrDefault(namespace, List.of()), group, resource, verb, name));
    }
  }

  /**
   * Whether {@code rules} allow {@code verb} on {@code group/resource} (named {@code name}, or
   * null).
   */
  static boolean allows(
      List<PolicyRule> rules, String group, String resource, String verb, String name) {
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

  // ---- the Dockerfile ----

  private static final Pattern INSTRUCTION = Pattern.compile("(?m)^([A-Z]+)\\s+(.*)$");
  private static final Pattern JSON_STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

  /**
   * The instructions of the Dockerfile's last stage (after its last FROM), continuation lines
   * joined.
   */
  static List<String[]> runtimeStage() throws IOException {
    String text = Files.readString(ROOT.resolve("Dockerfile")).replaceAll("\\\\\\n", " ");
    List<String[]> stage = new ArrayList<>();
    Matcher m = INSTRUCTION.matcher(text);
    while (m.find()) {
      if (m.group(1).equals("FROM")) {
        stage.clear();
      }
      stage.add(new String[] {m.group(1), m.group(2).strip()});
    }
    return stage;
  }

  /** The argument of the last {@code instruction} of the runtime stage. */
  static String lastInstruction(String instruction) throws IOException {
    String found = null;
    for (String[] i : runtimeStage()) {
      if (i[0].equals(instruction)) {
        found = i[1];
      }
    }
    if (found == null) {
      throw new AssertionError("the Dockerfile's runtime stage has no " + instruction);
    }
    return found;
  }

  /** An exec-form (JSON array) argument as its strings. */
  static List<String> execForm(String argument) {
    if (!argument.startsWith("[") || !argument.endsWith("]")) {
      throw new AssertionError("not the exec form (a JSON array): " + argument);
    }
    List<String> out = new ArrayList<>();
    Matcher m = JSON_STRING.matcher(argument);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
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
