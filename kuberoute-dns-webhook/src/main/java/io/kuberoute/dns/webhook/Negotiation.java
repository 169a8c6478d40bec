package io.kuberoute.dns.webhook;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The negotiation ({@code GET /}) and its outcome, the provider's domain filter. It runs lazily,
 * before the first read or write, never at construction (kuberoute starts while its provider is
 * still down), and again after {@link #forget()}: the backend forgets after any failed request, so
 * a provider that restarted, perhaps with another filter, is asked again. Not thread-safe (the
 * backend serialises calls).
 */
final class Negotiation {

  private static final Logger log = LoggerFactory.getLogger(Negotiation.class);

  private final WebhookClient client;
  private ProviderDomainFilter filter;
  private String lastLogged;

  Negotiation(WebhookClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * The provider's domain filter, negotiating first if needed.
   *
   * @throws ProviderException if the negotiation fails (unreachable, wrong Content-Type, a body
   *     that is not a domain filter)
   */
  ProviderDomainFilter filter() {
    if (filter != null) {
      return filter;
    }
    byte[] body = client.negotiate();
    ProviderDomainFilter negotiated;
    try {
      negotiated = ProviderDomainFilter.of(EndpointJson.readFilter(body));
    } catch (EndpointJson.Malformed e) {
      throw client.badAnswer("GET /", e.getMessage());
    } catch (IllegalArgumentException e) {
      throw client.badAnswer("GET /", "a domain filter kuberoute cannot use: " + e.getMessage());
    }
    if (!negotiated.describe().equals(lastLogged)) {
      lastLogged = negotiated.describe();
      log.info(
          "{}: negotiated protocol version 1; the provider serves {}",
          client.where(),
          negotiated.describe());
    }
    filter = negotiated;
    return filter;
  }

  /** Negotiate again before the next request. */
  void forget() {
    filter = null;
  }
}
