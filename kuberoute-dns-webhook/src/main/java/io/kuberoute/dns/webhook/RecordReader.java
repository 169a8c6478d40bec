package io.kuberoute.dns.webhook;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the provider's records with {@code GET /records} (which lists everything the provider
 * holds) and keeps them: a read without refresh is answered from what was read and written
 * before, unless a write failed since ({@link #forget()}). Not thread-safe (the backend
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
   * The provider's records: listed now when {@code refresh}, else those kept if any.
   *
   * @throws ProviderException if the listing fails
   */
  ProviderRecords records(boolean refresh) {
    if (refresh || kept == null) {
      kept = null;
      byte[] body = client.records();
      try {
        kept = ProviderRecords.of(EndpointJson.readEndpoints(body));
      } catch (EndpointJson.Malformed e) {
        throw client.badAnswer("GET /records", e.getMessage());
      }
      log.debug("{}: read {} endpoint(s)", client.where(), kept.listedCount());
    }
    return kept;
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
