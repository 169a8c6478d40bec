package io.kuberoute.k8s;

import io.kuberoute.core.model.PodInfo;
import java.util.HashMap;
import java.util.Map;

/**
 * Shares the strings that repeat across thousands of pods (namespace, phase, node name, host IP,
 * label keys and values such as {@code app=shop} or {@code pod-template-hash=7d9f8b6c5d}) through
 * the JVM's string table, so each distinct value is held once rather than once per pod. Unused
 * entries are collected by the garbage collector.
 */
final class SharedStrings {
  private SharedStrings() {}

  /** The same pod with its repeating strings shared. */
  static PodInfo pod(PodInfo p) {
    Map<String, String> labels = new HashMap<>(p.labels().size() * 2);
    p.labels().forEach((k, v) -> labels.put(k.intern(), v.intern()));
    return new PodInfo(
        p.namespace().intern(),
        p.name(),
        labels,
        p.phase().intern(),
        p.readiness(),
        p.termination(),
        p.nodeName().map(String::intern),
        p.hostIp().map(String::intern));
  }
}
