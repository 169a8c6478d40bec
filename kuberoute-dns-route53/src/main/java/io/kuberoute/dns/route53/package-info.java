/**
 * The Route53 backend ({@code dns_backend = route53}): {@link
 * io.kuberoute.dns.route53.Route53DnsBackend}, configured by {@link
 * io.kuberoute.dns.route53.Route53Settings} ({@code [route53]}) and registered by {@link
 * io.kuberoute.dns.route53.Route53Provider}.
 *
 * <p>The DNS is the registry: each record set kuberoute writes carries an ownership TXT record
 * {@code _kuberoute.<name>} naming the owner id and the Service, and a read finds the records of
 * the owner ids it is given in every hosted zone the credentials see (within {@code [kuberoute]
 * domains}), so a fresh process cleans up what an earlier one left.
 *
 * <p>One job per class:
 *
 * <ul>
 *   <li>{@code Route53ClientFactory}: the SDK client from the settings (HTTP client, credentials,
 *       retries, timeout, endpoint); {@code Route53DnsBackend.withClient} takes a client instead;
 *   <li>{@code ZoneDirectory}: the hosted zones (ListHostedZones, paged), kept; {@code ZoneIndex}:
 *       which zone holds a name;
 *   <li>{@code RecordSetReader}: one zone's record sets (ListResourceRecordSets, paged); {@code
 *       ZoneWriteBasis}: what was last read and written per zone, the basis of writes (no read
 *       cache: the core's {@code CachingDnsBackend} is the one); {@code ZoneRecords}: one zone's
 *       record sets as Route53 holds them;
 *   <li>{@code ScopeReader}: a read scope answered from the zones (discovery, filter, lone marks,
 *       failed zones);
 *   <li>{@code OwnershipMark}: the mark's name and text; {@code OwnershipMarks}: the mark at a name
 *       and what a name's changes do to it;
 *   <li>{@code NameChangeBuilder}: the planned changes at one name as Route53 changes; {@code
 *       ChangeBatcher}: packing names into requests within Route53's limits; {@code ChangeSender}:
 *       sending them, with the one-name-per-request fallback and the error mapping ({@code
 *       Route53Errors}); {@code ChangeApplier}: a change set from names to requests; {@code
 *       WriteScope}: what a write may touch.
 * </ul>
 */
package io.kuberoute.dns.route53;
