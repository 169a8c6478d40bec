package io.kuberoute.k8s;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.WatchEvent;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a watch event as a stream: its {@code type}, and its {@code object} straight into a slim
 * Pod, Service or Node ({@link SlimObjects}) when the object names its kind first (after its
 * apiVersion), as the API server and fabric8 write it. Any other object (a Status, an object whose
 * kind comes later) is read as fabric8 reads it: a tree, then the registered type.
 */
final class SlimWatchEvents extends ValueDeserializer<WatchEvent> {

  @Override
  public WatchEvent deserialize(JsonParser p, DeserializationContext ctxt) {
    WatchEvent event = new WatchEvent();
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return event;
    }
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "type" -> event.setType(p.getValueAsString());
        case "object" -> event.setObject(object(p, ctxt));
        default -> p.skipChildren();
      }
    }
    return event;
  }

  private static KubernetesResource object(JsonParser p, DeserializationContext ctxt) {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    String apiVersion = null;
    String kind = null;
    String other = null; // the first field that is neither: the rest goes through a tree
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      p.nextToken();
      if (name.equals("apiVersion") && p.currentToken().isScalarValue()) {
        apiVersion = p.getValueAsString();
      } else if (name.equals("kind") && p.currentToken().isScalarValue()) {
        kind = p.getValueAsString();
        switch (kind) {
          case "Pod" -> {
            Pod pod = new Pod();
            pod.setApiVersion(apiVersion == null ? pod.getApiVersion() : apiVersion);
            SlimObjects.podFields(p, pod);
            return pod;
          }
          case "Service" -> {
            Service service = new Service();
            service.setApiVersion(apiVersion == null ? service.getApiVersion() : apiVersion);
            SlimObjects.serviceFields(p, service);
            return service;
          }
          case "Node" -> {
            Node node = new Node();
            node.setApiVersion(apiVersion == null ? node.getApiVersion() : apiVersion);
            SlimObjects.nodeFields(p, node);
            return node;
          }
          default -> {
            other = name;
          }
        }
        break;
      } else {
        other = name;
        break;
      }
    }
    ObjectNode tree = ctxt.getNodeFactory().objectNode();
    if (apiVersion != null) {
      tree.put("apiVersion", apiVersion);
    }
    if (kind != null) {
      tree.put("kind", kind);
    }
    if (other != null) {
      if (!other.equals("kind")) {
        tree.set(other, (JsonNode) ctxt.readTree(p));
      }
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        p.nextToken();
        tree.set(name, (JsonNode) ctxt.readTree(p));
      }
    }
    return ctxt.readTreeAsValue(tree, KubernetesResource.class);
  }
}
