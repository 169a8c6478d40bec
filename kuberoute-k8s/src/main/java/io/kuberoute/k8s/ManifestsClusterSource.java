package io.kuberoute.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.runtime.RawExtension;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kuberoute.core.ConfigurationException;
import io.kuberoute.core.config.ErrorText;
import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.model.PodInfo;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.core.port.ClusterSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cluster read from a YAML file of Kubernetes objects ({@code kubeconfig_kind = manifests},
 * {@code [manifests] path}): several documents separated by {@code ---}, or a {@code v1 List} as
 * {@code kubectl get nodes,services,pods -A -o yaml} prints it. Services, Pods and Nodes are used;
 * other kinds are ignored. Services outside the configured namespaces are dropped. The file is read
 * once, when the source is created.
 */
public final class ManifestsClusterSource implements ClusterSource {

  /** {@code in reader, line 2, column 1:}, as the YAML parser marks a position. */
  private static final Pattern POSITION =
      Pattern.compile("\\s*in \\S+, line (\\d+), column (\\d+):?\\s*");

  /** Jackson's {@code at [Source: ...; line: 2, column: 1]} (or {@code byte offset: #1}). */
  private static final Pattern SOURCE =
      Pattern.compile(
          "\\s*at \\[Source: .*?(?:line: (\\d+), column: (\\d+)|byte offset: #(\\d+))?\\]\\s*");

  /** The message of fabric8's wrapper around a parser's exception. */
  private static final String GENERIC = "An error has occurred.";

  private static final int MAX_PATH_SHOWN = 200;
  private static final int MAX_PROBLEM_SHOWN = 300;

  private final ClusterSnapshot snapshot;

  private ManifestsClusterSource(ClusterSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  /**
   * Reads {@code path}.
   *
   * @throws ConfigurationException naming {@code manifests.path} if the file is missing, unreadable
   *     or not Kubernetes YAML
   */
  public static ManifestsClusterSource load(Path path, Namespaces namespaces) {
    Objects.requireNonNull(path, "path");
    String shown = ErrorText.value(path.toString(), MAX_PATH_SHOWN);
    if (!Files.exists(path)) {
      throw new ConfigurationException(
          "invalid value for manifests.path: '%s' (allowed: an existing YAML file of Kubernetes objects; this file does not exist)"
              .formatted(shown));
    }
    if (!Files.isRegularFile(path)) {
      throw new ConfigurationException(
          "invalid value for manifests.path: '%s' (allowed: an existing YAML file of Kubernetes objects; this is %s)"
              .formatted(
                  shown,
                  Files.isDirectory(path)
                      ? "a directory"
                      : "not a regular file but a FIFO, socket or device"));
    }
    List<HasMetadata> objects = new ArrayList<>();
    try (InputStream in = Files.newInputStream(path)) {
      flatten(new KubernetesSerialization().unmarshal(in), objects, false);
    } catch (IOException e) {
      throw new ConfigurationException(
          "invalid value for manifests.path: '%s' cannot be read: %s".formatted(shown, oneLine(e)),
          e);
    } catch (RuntimeException e) {
      throw new ConfigurationException(
          "invalid value for manifests.path: '%s' is not a YAML file of Kubernetes objects: %s"
              .formatted(shown, oneLine(e)),
          e);
    }
    List<ServiceInfo> services = new ArrayList<>();
    List<PodInfo> pods = new ArrayList<>();
    List<NodeInfo> nodes = new ArrayList<>();
    for (HasMetadata o : objects) {
      if (o instanceof Service s) {
        ServiceInfo info = Fabric8Mapping.service(s);
        if (namespaces.contains(info.namespace())) {
          services.add(info);
        }
      } else if (o instanceof Pod p) {
        pods.add(Fabric8Mapping.pod(p));
      } else if (o instanceof Node n) {
        nodes.add(Fabric8Mapping.node(n));
      }
    }
    return new ManifestsClusterSource(new ClusterSnapshot(services, pods, nodes, true));
  }

  /**
   * Collects the objects of the documents. A document that is not a Kubernetes object at all (no
   * {@code kind}: a plain value, or a map such as a kuberoute configuration given by mistake) is an
   * error, so that a wrong file is not read as an empty cluster.
   */
  private static void flatten(Object parsed, List<HasMetadata> out, boolean inDocuments) {
    if (parsed == null) {
      return;
    }
    if (parsed instanceof KubernetesList list) {
      for (HasMetadata item : list.getItems()) {
        flatten(item, out, inDocuments);
      }
    } else if (parsed instanceof Collection<?> many) {
      for (Object item : many) {
        flatten(item, out, true);
      }
    } else if (parsed instanceof HasMetadata one) {
      out.add(one);
    } else if (parsed instanceof RawExtension) {
      throw new IllegalArgumentException(
          (inDocuments ? "one of its documents is" : "it is")
              + " not a Kubernetes object (no kind and apiVersion)");
    }
  }

  /**
   * A parser's message on one line: the YAML parser's source excerpts and caret lines dropped, its
   * positions kept ({@code at line 2, column 1}), and not UTF-8 said in words.
   */
  static String oneLine(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof CharacterCodingException) {
        return "it is not UTF-8 text";
      }
    }
    Throwable told = e;
    while (told.getCause() != null
        && (told.getMessage() == null || told.getMessage().equals(GENERIC))) {
      told = told.getCause(); // fabric8's wrapper says nothing; its cause does
    }
    String message =
        told.getMessage() == null ? told.getClass().getSimpleName() : told.getMessage();
    List<String> parts = new ArrayList<>();
    for (String line : message.split("\\R")) {
      Matcher position = POSITION.matcher(line);
      Matcher source = SOURCE.matcher(line);
      if (!parts.isEmpty() && (position.matches() || source.matches())) {
        int last = parts.size() - 1;
        String at =
            position.matches()
                ? " at line " + position.group(1) + ", column " + position.group(2)
                : source.group(1) != null
                    ? " at line " + source.group(1) + ", column " + source.group(2)
                    : source.group(3) != null ? " at byte " + source.group(3) : "";
        parts.set(last, parts.get(last) + at);
        continue;
      }
      if (line.isBlank() || line.startsWith("  ")) {
        continue; // a line of the file and the caret under it
      }
      String text = line.replace("at [No location information]", "").strip();
      if (!text.isEmpty()) {
        parts.add(text);
      }
    }
    StringBuilder joined = new StringBuilder();
    for (String part : parts) {
      if (!joined.isEmpty()) {
        joined.append(part.startsWith("(") ? " " : ": ");
      }
      joined.append(part);
    }
    return ErrorText.value(joined.toString(), MAX_PROBLEM_SHOWN);
  }

  @Override
  public ClusterSnapshot snapshot() {
    return snapshot;
  }
}
