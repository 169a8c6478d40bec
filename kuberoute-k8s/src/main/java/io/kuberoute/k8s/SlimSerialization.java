package io.kuberoute.k8s;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * fabric8's serialization, except that Pods, Services and Nodes are read by {@link SlimObjects}:
 * only the fields kuberoute uses, every other subtree skipped unread. The informers' watch events
 * are decoded with it, as a stream ({@link SlimWatchEvents}); their lists are streamed by {@link
 * StreamingLister}.
 */
final class SlimSerialization extends KubernetesSerialization {

  @Override
  protected ObjectMapper configureMapper(ObjectMapper mapper) {
    SimpleModule slim = new SimpleModule("kuberoute-slim-objects");
    slim.addDeserializer(
        Pod.class,
        new ValueDeserializer<Pod>() {
          @Override
          public Pod deserialize(JsonParser p, DeserializationContext ctxt) {
            return SlimObjects.pod(p);
          }
        });
    slim.addDeserializer(
        Service.class,
        new ValueDeserializer<Service>() {
          @Override
          public Service deserialize(JsonParser p, DeserializationContext ctxt) {
            return SlimObjects.service(p);
          }
        });
    slim.addDeserializer(
        Node.class,
        new ValueDeserializer<Node>() {
          @Override
          public Node deserialize(JsonParser p, DeserializationContext ctxt) {
            return SlimObjects.node(p);
          }
        });
    slim.addDeserializer(io.fabric8.kubernetes.api.model.WatchEvent.class, new SlimWatchEvents());
    ObjectMapper configured = super.configureMapper(mapper);
    return configured.rebuild().addModule(slim).build();
  }
}
