package io.kuberoute.dns.webhook;

import io.kuberoute.core.plan.ChangeSet;
import io.kuberoute.core.plan.PlanSettings;
import io.kuberoute.core.port.ApplyResult;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.port.ReadScope;
import io.kuberoute.core.port.ZoneState;
import java.util.Objects;
import java.util.Optional;

/**
 * A DNS provider behind external-dns's webhook protocol (version 1), usually a sidecar on {@code
 * localhost:8888}.
 *
 * <p><b>Negotiation</b> ({@link Negotiation}) happens before the first read or write, never at
 * construction, and again after any failed request. Its domain filter limits everything: records
 * outside it are dropped when read, and changes at names outside it fail without a request.
 *
 * <p><b>Reading</b> ({@link RecordReader}, {@link RecordView}) is one {@code GET /records}, which
 * lists everything the provider holds, so discovery of owned records in any domain comes for free.
 * Every read lists: the backend keeps no read cache (the core's {@link
 * io.kuberoute.core.port.CachingDnsBackend} answers event syncs); what it read is kept only as the
 * basis of writes. <b>Writing</b> ({@link ChangeSender}) is one {@code POST /records} per name,
 * preceded by one {@code POST /adjustendpoints} for the records to create or update ({@link
 * CanonicalForms}). An empty change set sends nothing.
 *
 * <p><b>Ownership</b> is a TXT endpoint {@code _kuberoute.<name>} ({@link OwnershipMark}), the same
 * mark as on Route53, written in the same request as the records it covers.
 *
 * <p><b>Failures.</b> A 5xx answer is retried with backoff up to {@code max_retries} times; then,
 * like any other error answer, it fails the request: the read (thrown as {@link
 * io.kuberoute.core.DnsBackendException}) or the one name (in the {@link ApplyResult}).
 *
 * <p>Construction makes no request. Thread-safe (calls are serialised).
 */
public final class WebhookDnsBackend implements DnsBackend {

  private final String ownerId;

  private final String description;
  private final Negotiation negotiation;
  private final RecordReader reader;
  private final RecordView view;
  private final ChangeSender sender;
  private boolean closed;

  private WebhookDnsBackend(WebhookSettings settings, String ownerId, WebhookClient client) {
    this.description = "external-dns webhook provider at " + settings.displayUrl();
    this.negotiation = new Negotiation(client);
    this.reader = new RecordReader(client);
    CanonicalForms canonical = new CanonicalForms(client);
    this.view = new RecordView(canonical);
    this.sender = new ChangeSender(client, reader, canonical, view, ownerId);
    this.ownerId = ownerId;
  }

  /**
   * A backend writing records owned by {@code ownerId}. Makes no request before the first read or
   * write.
   */
  public static DnsBackend create(WebhookSettings settings, String ownerId) {
    Objects.requireNonNull(settings, "settings");
    return create(
        settings,
        ownerId,
        new JdkWebhookHttp(settings),
        WebhookClient.Backoff.DEFAULT,
        d -> Thread.sleep(d.toMillis()));
  }

  /**
   * As {@link #create(WebhookSettings, String)}, over any HTTP seam, backoff and sleeper (tests).
   */
  static WebhookDnsBackend create(
      WebhookSettings settings,
      String ownerId,
      WebhookHttp http,
      WebhookClient.Backoff backoff,
      WebhookClient.Sleeper sleeper) {
    Objects.requireNonNull(settings, "settings");
    PlanSettings.checkOwnerId(ownerId);
    WebhookClient client =
        new WebhookClient(http, settings.displayUrl(), settings.maxRetries(), backoff, sleeper);
    return new WebhookDnsBackend(settings, ownerId, client);
  }

  /** The owner id its marks carry: a sync service checks it matches its planner's. */
  @Override
  public Optional<String> ownerId() {
    return Optional.of(ownerId);
  }

  @Override
  public synchronized ZoneState read(ReadScope scope, boolean refresh) {
    ensureOpen();
    try {
      ProviderDomainFilter filter = negotiation.filter();
      return view.read(reader.read(), filter, scope);
    } catch (ProviderException e) {
      negotiation.forget();
      reader.forget();
      throw e.toBackendException();
    }
  }

  @Override
  public synchronized ApplyResult apply(ChangeSet changes) {
    ensureOpen();
    if (changes.isEmpty()) {
      return ApplyResult.OK;
    }
    ChangeSender.Outcome outcome;
    try {
      ProviderDomainFilter filter = negotiation.filter();
      outcome = sender.send(changes, reader.forWrite(), filter);
    } catch (ProviderException e) {
      negotiation.forget();
      reader.forget();
      throw e.toBackendException();
    }
    if (outcome.requestFailed()) {
      negotiation.forget();
    }
    return outcome.result();
  }

  @Override
  public synchronized void close() {
    closed = true;
    reader.forget();
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the webhook backend is closed");
    }
  }

  @Override
  public String toString() {
    return description;
  }
}
