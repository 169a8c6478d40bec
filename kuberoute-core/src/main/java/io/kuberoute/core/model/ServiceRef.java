package io.kuberoute.core.model;

import java.util.Comparator;
import java.util.Objects;

/** Names a Kubernetes Service: namespace and name. */
public record ServiceRef(String namespace, String name) implements Comparable<ServiceRef> {

  private static final Comparator<ServiceRef> ORDER =
      Comparator.comparing(ServiceRef::namespace).thenComparing(ServiceRef::name);

  public ServiceRef {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  /** The ownership resource string: {@code service/<namespace>/<name>}. */
  public String resource() {
    return "service/" + namespace + "/" + name;
  }

  @Override
  public int compareTo(ServiceRef o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
