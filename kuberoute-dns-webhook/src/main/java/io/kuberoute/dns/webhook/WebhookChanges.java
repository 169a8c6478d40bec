package io.kuberoute.dns.webhook;

import java.util.List;

/**
 * The body of {@code POST /records}: external-dns's {@code plan.Changes}. {@code updateOld.get(i)}
 * and {@code updateNew.get(i)} are one update.
 */
record WebhookChanges(
    List<Endpoint> create,
    List<Endpoint> updateOld,
    List<Endpoint> updateNew,
    List<Endpoint> delete) {

  WebhookChanges {
    create = List.copyOf(create);
    updateOld = List.copyOf(updateOld);
    updateNew = List.copyOf(updateNew);
    delete = List.copyOf(delete);
    if (updateOld.size() != updateNew.size()) {
      throw new IllegalArgumentException(
          "updateOld and updateNew pair up: " + updateOld.size() + " vs " + updateNew.size());
    }
  }

  boolean isEmpty() {
    return create.isEmpty() && updateOld.isEmpty() && delete.isEmpty();
  }
}
