package io.kuberoute.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads Pods, Services and Nodes from a JSON stream keeping only the fields kuberoute uses (see
 * {@link Fabric8Mapping}) and skipping every other subtree unread, so a 3.5 KB Pod costs a few
 * small objects, not its whole model. The result is a fabric8 object with just those fields set:
 *
 * <ul>
 *   <li>all: {@code kind}, {@code apiVersion}, {@code metadata.name}, {@code namespace}, {@code
 *       uid}, {@code resourceVersion}, {@code labels}, {@code deletionTimestamp};
 *   <li>Pod: {@code spec.nodeName}, {@code status.phase}, {@code status.hostIP}, {@code
 *       status.conditions[].type/status};
 *   <li>Service: {@code spec.type}, {@code spec.selector};
 *   <li>Node: {@code spec.unschedulable}, {@code status.addresses[].type/address}, {@code
 *       status.conditions[].type/status}.
 * </ul>
 *
 * Each reader starts on the object's {@code START_OBJECT} and ends on its {@code END_OBJECT}.
 */
final class SlimObjects {
  private SlimObjects() {}

  static Pod pod(JsonParser p) {
    return object(p, new Pod(), SlimObjects::podFields);
  }

  /** Reads the pod's remaining fields, up to its END_OBJECT. */
  static void podFields(JsonParser p, Pod pod) {
    remainingFields(
        p,
        name -> {
          switch (name) {
            case "kind" -> pod.setKind(p.getValueAsString());
            case "apiVersion", "metadata" -> header(p, name, pod);
            case "spec" -> {
              PodSpec spec = new PodSpec();
              forEachField(
                  p,
                  f -> {
                    if (f.equals("nodeName")) {
                      spec.setNodeName(p.getValueAsString());
                    } else {
                      p.skipChildren();
                    }
                  });
              pod.setSpec(spec);
            }
            case "status" -> {
              PodStatus status = new PodStatus();
              forEachField(
                  p,
                  f -> {
                    switch (f) {
                      case "phase" -> status.setPhase(p.getValueAsString());
                      case "hostIP" -> status.setHostIP(p.getValueAsString());
                      case "conditions" ->
                          status.setConditions(readyConditions(p, SlimObjects::podCondition));
                      default -> p.skipChildren();
                    }
                  });
              pod.setStatus(status);
            }
            default -> p.skipChildren();
          }
        });
  }

  static Service service(JsonParser p) {
    return object(p, new Service(), SlimObjects::serviceFields);
  }

  /** Reads the Service's remaining fields, up to its END_OBJECT. */
  static void serviceFields(JsonParser p, Service service) {
    remainingFields(
        p,
        name -> {
          switch (name) {
            case "kind" -> service.setKind(p.getValueAsString());
            case "apiVersion", "metadata" -> header(p, name, service);
            case "spec" -> {
              ServiceSpec spec = new ServiceSpec();
              forEachField(
                  p,
                  f -> {
                    switch (f) {
                      case "type" -> spec.setType(p.getValueAsString());
                      case "selector" -> spec.setSelector(stringMap(p));
                      default -> p.skipChildren();
                    }
                  });
              service.setSpec(spec);
            }
            default -> p.skipChildren();
          }
        });
  }

  static Node node(JsonParser p) {
    return object(p, new Node(), SlimObjects::nodeFields);
  }

  /** Reads the node's remaining fields, up to its END_OBJECT. */
  static void nodeFields(JsonParser p, Node node) {
    remainingFields(
        p,
        name -> {
          switch (name) {
            case "kind" -> node.setKind(p.getValueAsString());
            case "apiVersion", "metadata" -> header(p, name, node);
            case "spec" -> {
              NodeSpec spec = new NodeSpec();
              forEachField(
                  p,
                  f -> {
                    if (f.equals("unschedulable")) {
                      spec.setUnschedulable(
                          p.currentToken() == JsonToken.VALUE_NULL ? null : p.getValueAsBoolean());
                    } else {
                      p.skipChildren();
                    }
                  });
              node.setSpec(spec);
            }
            case "status" -> {
              NodeStatus status = new NodeStatus();
              forEachField(
                  p,
                  f -> {
                    switch (f) {
                      case "addresses" -> {
                        List<NodeAddress> addresses = new ArrayList<>(2);
                        forEachElement(
                            p,
                            () -> {
                              NodeAddress a = new NodeAddress();
                              forEachField(
                                  p,
                                  g -> {
                                    switch (g) {
                                      case "type" -> a.setType(p.getValueAsString());
                                      case "address" -> a.setAddress(p.getValueAsString());
                                      default -> p.skipChildren();
                                    }
                                  });
                              addresses.add(a);
                            });
                        status.setAddresses(addresses);
                      }
                      case "conditions" ->
                          status.setConditions(readyConditions(p, SlimObjects::nodeCondition));
                      default -> p.skipChildren();
                    }
                  });
              node.setStatus(status);
            }
            default -> p.skipChildren();
          }
        });
  }

  /**
   * Reads an object with {@code fields}, or skips what is not an object (leaving {@code empty}).
   */
  private static <T> T object(JsonParser p, T empty, BiConsumer<JsonParser, T> fields) {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return empty;
    }
    fields.accept(p, empty);
    return empty;
  }

  /** {@code apiVersion} or {@code metadata}, which every object has. */
  private static void header(JsonParser p, String name, HasMetadata object) {
    if (name.equals("apiVersion")) {
      object.setApiVersion(p.getValueAsString());
    } else {
      object.setMetadata(meta(p));
    }
  }

  /**
   * The {@code Ready} condition of a conditions array (the only one kuberoute reads), type and
   * status set.
   */
  private static <C> List<C> readyConditions(
      JsonParser p, BiFunction<String, String, C> condition) {
    List<C> conditions = new ArrayList<>(1);
    forEachElement(
        p,
        () -> {
          String[] typeAndStatus = new String[2];
          forEachField(
              p,
              g -> {
                switch (g) {
                  case "type" -> typeAndStatus[0] = p.getValueAsString();
                  case "status" -> typeAndStatus[1] = p.getValueAsString();
                  default -> p.skipChildren();
                }
              });
          if ("Ready".equals(typeAndStatus[0])) {
            conditions.add(condition.apply(typeAndStatus[0], typeAndStatus[1]));
          }
        });
    return conditions;
  }

  private static PodCondition podCondition(String type, String status) {
    PodCondition c = new PodCondition();
    c.setType(type);
    c.setStatus(status);
    return c;
  }

  private static NodeCondition nodeCondition(String type, String status) {
    NodeCondition c = new NodeCondition();
    c.setType(type);
    c.setStatus(status);
    return c;
  }

  private static ObjectMeta meta(JsonParser p) {
    ObjectMeta meta = new ObjectMeta();
    forEachField(
        p,
        f -> {
          switch (f) {
            case "name" -> meta.setName(p.getValueAsString());
            case "namespace" -> meta.setNamespace(p.getValueAsString());
            case "uid" -> meta.setUid(p.getValueAsString());
            case "resourceVersion" -> meta.setResourceVersion(p.getValueAsString());
            case "deletionTimestamp" -> meta.setDeletionTimestamp(p.getValueAsString());
            case "labels" -> meta.setLabels(stringMap(p));
            default -> p.skipChildren();
          }
        });
    return meta;
  }

  /** A JSON object of strings; null for JSON null. */
  private static Map<String, String> stringMap(JsonParser p) {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    Map<String, String> map = new LinkedHashMap<>();
    forEachField(
        p,
        f -> {
          if (p.currentToken().isScalarValue()) {
            map.put(f, p.currentToken() == JsonToken.VALUE_NULL ? null : p.getValueAsString());
          } else {
            p.skipChildren();
          }
        });
    return map;
  }

  private interface FieldAction {
    void field(String name);
  }

  /**
   * Calls {@code action} for each field of the object the parser is on (or skips a null), with the
   * parser on the field's value; the action reads the value or skips it.
   */
  private static void forEachField(JsonParser p, FieldAction action) {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    remainingFields(p, action);
  }

  /** As {@link #forEachField}, from inside the object: the fields after the parser's position. */
  private static void remainingFields(JsonParser p, FieldAction action) {
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      p.nextToken();
      action.field(name);
    }
  }

  /** Calls {@code action} for each object of the array the parser is on (others are skipped). */
  private static void forEachElement(JsonParser p, Runnable action) {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      p.skipChildren();
      return;
    }
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
      if (t == JsonToken.START_OBJECT) {
        action.run();
      } else {
        p.skipChildren();
      }
    }
  }
}
