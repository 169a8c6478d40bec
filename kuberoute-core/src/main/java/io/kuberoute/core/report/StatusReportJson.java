package io.kuberoute.core.report;

import io.kuberoute.core.model.RecordSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a {@link StatusReport} byte for byte as the original did with Python's {@code
 * json.dumps(report, sort_keys=True, indent=4, separators=(',', ': '))}: keys sorted at every
 * level, 4-space indent, {@code {}} and {@code []} for empty containers, non-ASCII characters
 * escaped as {@code \\uXXXX}, no trailing newline.
 *
 * <pre>
 * {
 *     "apiserver_available": true,
 *     "errors": [],
 *     "last_sync": "2026-11-25T10:15:30Z",
 *     "nodes": {
 *         "node-1": {
 *             "ready": true,
 *             "schedulable": true
 *         }
 *     },
 *     "services": {
 *         "shop.example.com": {
 *             "current_quota": 100,
 *             "endpoints": [
 *                 "10.0.0.1"
 *             ],
 *             "failover_active": false,
 *             "healthy": true,
 *             "published": [ { "targets": [...], "ttl": 60, "type": "A" } ],
 *             "quota": 50,
 *             "service": "default/shop"
 *         }
 *     }
 * }
 * </pre>
 */
public final class StatusReportJson {
  private StatusReportJson() {}

  public static String render(StatusReport report) {
    Map<String, Object> root = new TreeMap<>();
    root.put("apiserver_available", report.apiserverAvailable());
    root.put("errors", report.errors());
    root.put("deletions_held", report.deletionsHeld());
    root.put("last_sync", report.lastSync().map(Object::toString).orElse(null));
    Map<String, Object> nodes = new TreeMap<>();
    report
        .nodes()
        .forEach(
            (name, n) -> {
              Map<String, Object> node = new TreeMap<>();
              node.put("ready", n.ready());
              node.put("schedulable", n.schedulable());
              nodes.put(name, node);
            });
    root.put("nodes", nodes);
    Map<String, Object> services = new TreeMap<>();
    report
        .services()
        .forEach(
            (fqdn, s) -> {
              Map<String, Object> service = new TreeMap<>();
              service.put("current_quota", s.currentQuota());
              service.put("endpoints", s.endpoints());
              service.put("healthy", s.healthy());
              service.put("quota", s.quota());
              service.put("service", s.service());
              service.put("failover_active", s.failoverActive());
              List<Object> published = new ArrayList<>();
              for (RecordSet r : s.published()) {
                Map<String, Object> rec = new TreeMap<>();
                rec.put("type", r.type().name());
                rec.put("ttl", r.ttl());
                rec.put("targets", r.targets());
                published.add(rec);
              }
              service.put("published", published);
              service.put("deletion_held", s.deletionHeld());
              services.put(fqdn, service);
            });
    root.put("services", services);
    StringBuilder out = new StringBuilder();
    write(out, root, 0);
    return out.toString();
  }

  /** Writes JSON values (maps with string keys, lists, strings, booleans, numbers, null). */
  static void write(StringBuilder out, Object value, int depth) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Boolean b) {
      out.append(b ? "true" : "false");
    } else if (value instanceof Number n) {
      out.append(n);
    } else if (value instanceof String s) {
      string(out, s);
    } else if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.append("{}");
        return;
      }
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((k, v) -> sorted.put((String) k, v));
      out.append("{\n");
      int i = 0;
      for (Map.Entry<String, Object> e : sorted.entrySet()) {
        indent(out, depth + 1);
        string(out, e.getKey());
        out.append(": ");
        write(out, e.getValue(), depth + 1);
        out.append(++i < sorted.size() ? ",\n" : "\n");
      }
      indent(out, depth);
      out.append('}');
    } else if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append("[\n");
      for (int i = 0; i < list.size(); i++) {
        indent(out, depth + 1);
        write(out, list.get(i), depth + 1);
        out.append(i + 1 < list.size() ? ",\n" : "\n");
      }
      indent(out, depth);
      out.append(']');
    } else {
      throw new IllegalArgumentException("cannot render " + value.getClass());
    }
  }

  private static void indent(StringBuilder out, int depth) {
    out.append(" ".repeat(4 * depth));
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
