package io.kuberoute.dns.webhook;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the provider's records with {@code GET /records} (which lists everything the provider
 * holds), at every read: the backend keeps no read cache (the core's {@code CachingDnsBackend}
 * answers event syncs). What was read, updated with the changes the provider accepted, is kept only
 * as the basis of writes, until a request fails ({@link #forget()}). Not thread-safe (the backend
 * serialises calls).
 */
final class RecordReader {

  private static final Logger log = LoggerFactory.getLogger(RecordReader.class);

  private final WebhookClient client;
  private ProviderRecords kept;

  RecordReader(WebhookClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * The provider's records, listed now (and kept for writes).
   *
   * @throws ProviderException if the listing fails
   */
  ProviderRecords read() {
    kept = null;
    byte[] body = client.records();
    try {
      kept = ProviderRecords.of(EndpointJson.readEndpoints(body));
    } catch (EndpointJson.Malformed e) {
      throw client.badAnswer("GET /records", e.getMessage());
    }
    log.debug("{}: read {} endpoint(s)", client.where(), kept.listedCount());
    return kept;
  }

  /**
   * The provider's records for a write: those kept, listed now if none are.
   *
   * @throws ProviderException if the listing fails
   */
  ProviderRecords forWrite() {
    return kept != null ? kept : read();
  }

  /** Records changes the provider accepted. */
  void accepted(WebhookChanges changes) {
    if (kept != null) {
      kept.accepted(changes);
    }
  }

  /** Drops what is kept: the next read lists again. */
  void forget() {
    kept = null;
  }
}
