package io.kuberoute.dns.webhook;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The protocol's JSON: endpoints, changes and the domain filter, as Go's {@code encoding/json}
 * reads and writes external-dns's types. Reading follows Go: member names match case-insensitively,
 * unknown members are ignored, a {@code null} list or member is empty, every member may be missing.
 * Writing leaves out empty members ({@code omitempty}), except that a change body always carries
 * its four lists. Anything else (not JSON, a string where a number belongs, a fractional TTL) is a
 * {@link Malformed} answer: the whole answer is refused, never half read. Pure.
 */
final class EndpointJson {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private EndpointJson() {}

  /** The domain filter as the negotiation carries it; lists and regular expressions never both. */
  record FilterText(
      List<String> include, List<String> exclude, String regexInclude, String regexExclude) {
    FilterText {
      include = List.copyOf(include);
      exclude = List.copyOf(exclude);
    }
  }

  /** An answer that is not what the protocol says; the message completes "... answered". */
  static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  /** Reads the answer of {@code GET /records} or {@code POST /adjustendpoints}. */
  static List<Endpoint> readEndpoints(byte[] body) {
    return endpoints(parse(body));
  }

  private static List<Endpoint> endpoints(JsonNode root) {
    if (root == null || root.isNull()) {
      return List.of();
    }
    if (!root.isArray()) {
      throw new Malformed(
          "JSON that is not a list of endpoints (" + kind(root) + " instead of an array)");
    }
    List<Endpoint> out = new ArrayList<>();
    int index = 0;
    for (JsonNode node : root.values()) {
      try {
        out.add(readEndpoint(node));
      } catch (Malformed e) {
        throw new Malformed(
            "JSON that is not a list of endpoints (endpoint "
                + index
                + ": "
                + e.getMessage()
                + ")");
      }
      index++;
    }
    return out;
  }

  /** Reads the body of the negotiation. */
  static FilterText readFilter(byte[] body) {
    JsonNode root = parse(body);
    if (root.isNull()) {
      return new FilterText(List.of(), List.of(), "", "");
    }
    if (!root.isObject()) {
      throw new Malformed(
          "JSON that is not a domain filter (" + kind(root) + " instead of an object)");
    }
    Map<String, JsonNode> m = members(root);
    try {
      return new FilterText(
          strings(m.get("include"), "include"),
          strings(m.get("exclude"), "exclude"),
          string(m.get("regexinclude"), "regexInclude"),
          string(m.get("regexexclude"), "regexExclude"));
    } catch (Malformed e) {
      throw new Malformed("JSON that is not a domain filter (" + e.getMessage() + ")");
    }
  }

  /** The body of {@code POST /adjustendpoints}. */
  static byte[] writeEndpoints(List<Endpoint> endpoints) {
    ArrayNode array = JSON.createArrayNode();
    endpoints.forEach(e -> array.add(toJson(e)));
    return JSON.writeValueAsBytes(array);
  }

  /** The body of {@code POST /records}. */
  static byte[] writeChanges(WebhookChanges changes) {
    ObjectNode body = JSON.createObjectNode();
    body.set("create", list(changes.create()));
    body.set("updateOld", list(changes.updateOld()));
    body.set("updateNew", list(changes.updateNew()));
    body.set("delete", list(changes.delete()));
    return JSON.writeValueAsBytes(body);
  }

  /** Reads a change body (what a provider receives; the tests' provider uses it). */
  static WebhookChanges readChanges(byte[] body) {
    JsonNode root = parse(body);
    if (!root.isObject()) {
      throw new Malformed(
          "JSON that is not a change set (" + kind(root) + " instead of an object)");
    }
    Map<String, JsonNode> m = members(root);
    return new WebhookChanges(
        endpoints(m.get("create")),
        endpoints(m.get("updateold")),
        endpoints(m.get("updatenew")),
        endpoints(m.get("delete")));
  }

  /** Writes a domain filter (what a provider answers; the tests' provider uses it). */
  static byte[] writeFilter(FilterText filter) {
    ObjectNode body = JSON.createObjectNode();
    if (!filter.include().isEmpty()) {
      filter.include().forEach(body.putArray("include")::add);
    }
    if (!filter.exclude().isEmpty()) {
      filter.exclude().forEach(body.putArray("exclude")::add);
    }
    if (!filter.regexInclude().isEmpty()) {
      body.put("regexInclude", filter.regexInclude());
    }
    if (!filter.regexExclude().isEmpty()) {
      body.put("regexExclude", filter.regexExclude());
    }
    return JSON.writeValueAsBytes(body);
  }

  private static ArrayNode list(List<Endpoint> endpoints) {
    ArrayNode array = JSON.createArrayNode();
    endpoints.forEach(e -> array.add(toJson(e)));
    return array;
  }

  private static ObjectNode toJson(Endpoint e) {
    ObjectNode o = JSON.createObjectNode();
    if (!e.dnsName().isEmpty()) {
      o.put("dnsName", e.dnsName());
    }
    if (!e.targets().isEmpty()) {
      e.targets().forEach(o.putArray("targets")::add);
    }
    if (!e.recordType().isEmpty()) {
      o.put("recordType", e.recordType());
    }
    if (!e.setIdentifier().isEmpty()) {
      o.put("setIdentifier", e.setIdentifier());
    }
    if (e.recordTtl() != 0) {
      o.put("recordTTL", e.recordTtl());
    }
    if (!e.labels().isEmpty()) {
      ObjectNode labels = o.putObject("labels");
      e.labels().forEach(labels::put);
    }
    if (!e.providerSpecific().isEmpty()) {
      ArrayNode props = o.putArray("providerSpecific");
      for (Endpoint.Property p : e.providerSpecific()) {
        ObjectNode prop = props.addObject();
        if (!p.name().isEmpty()) {
          prop.put("name", p.name());
        }
        if (!p.value().isEmpty()) {
          prop.put("value", p.value());
        }
      }
    }
    return o;
  }

  private static Endpoint readEndpoint(JsonNode node) {
    if (!node.isObject()) {
      throw new Malformed(kind(node) + " instead of an object");
    }
    Map<String, JsonNode> m = members(node);
    return new Endpoint(
        string(m.get("dnsname"), "dnsName"),
        strings(m.get("targets"), "targets"),
        string(m.get("recordtype"), "recordType"),
        string(m.get("setidentifier"), "setIdentifier"),
        ttl(m.get("recordttl")),
        labels(m.get("labels")),
        properties(m.get("providerspecific")));
  }

  /** The members by lower-cased name (Go matches names case-insensitively; the last one wins). */
  private static Map<String, JsonNode> members(JsonNode object) {
    Map<String, JsonNode> m = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      m.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
    }
    return m;
  }

  private static String string(JsonNode node, String member) {
    if (node == null || node.isNull()) {
      return "";
    }
    if (!node.isString()) {
      throw new Malformed("'" + member + "' is " + kind(node) + ", not a string");
    }
    return node.stringValue();
  }

  private static List<String> strings(JsonNode node, String member) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new Malformed("'" + member + "' is " + kind(node) + ", not a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode v : node.values()) {
      if (!v.isString()) {
        throw new Malformed("'" + member + "' holds " + kind(v) + ", not only strings");
      }
      out.add(v.stringValue());
    }
    return out;
  }

  private static long ttl(JsonNode node) {
    if (node == null || node.isNull()) {
      return 0;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw new Malformed("'recordTTL' is " + kind(node) + ", not a whole number");
    }
    return node.longValue();
  }

  private static Map<String, String> labels(JsonNode node) {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw new Malformed("'labels' is " + kind(node) + ", not an object");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      out.put(e.getKey(), string(e.getValue(), "labels." + e.getKey()));
    }
    return out;
  }

  private static List<Endpoint.Property> properties(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new Malformed("'providerSpecific' is " + kind(node) + ", not a list");
    }
    List<Endpoint.Property> out = new ArrayList<>();
    for (JsonNode p : node.values()) {
      if (!p.isObject()) {
        throw new Malformed("'providerSpecific' holds " + kind(p) + ", not only objects");
      }
      Map<String, JsonNode> m = members(p);
      out.add(
          new Endpoint.Property(
              string(m.get("name"), "providerSpecific.name"),
              string(m.get("value"), "providerSpecific.value")));
    }
    return out;
  }

  private static JsonNode parse(byte[] body) {
    if (body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
      throw new Malformed("an empty body instead of JSON");
    }
    try {
      return JSON.readTree(body);
    } catch (JacksonException e) {
      String at =
          Optional.ofNullable(e.getLocation())
              .filter(l -> l.getLineNr() > 0)
              .map(l -> " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")")
              .orElse("");
      throw new Malformed("a body that is not JSON" + at);
    }
  }

  private static String kind(JsonNode node) {
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "an array";
    }
    if (node.isString()) {
      return "a string";
    }
    if (node.isNumber()) {
      return "a number";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    return node.isNull() ? "null" : "something else";
  }
}
