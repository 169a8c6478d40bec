package io.kuberoute.examples.embedding;

import io.kuberoute.core.app.ChangeLines;
import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.DomainFilter;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.core.plan.ChangeSet;
import io.kuberoute.core.plan.PlanSettings;
import io.kuberoute.core.plan.Planner;
import io.kuberoute.core.port.ApplyResult;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.port.ReadScope;
import io.kuberoute.core.port.ZoneState;
import io.kuberoute.dns.route53.Route53DnsBackend;
import io.kuberoute.dns.route53.Route53Settings;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * One backend adapter (Route53) used alone, through the {@link DnsBackend} port, without the sync
 * service: read with a {@link ReadScope}, apply a {@link ChangeSet} built by hand, then one the
 * {@link Planner} computes, then clean up from a fresh backend that finds its records again from
 * their ownership marks. The Route53 client is {@link InMemoryRoute53}, so nothing leaves the
 * process; the adapter is the real one.
 *
 * <p>What it prints is {@code src/test/resources/expected/ReuseOneBackend.txt}, which a test
 * compares on every build.
 */
public final class ReuseOneBackend {

  static final String OWNER_ID = "reuse-demo";
  static final DnsName ZONE = DnsName.of("example.com");

  private ReuseOneBackend() {}

  public static void main(String[] args) {
    // Route53 with one zone and one record someone wrote by hand (no ownership mark).
    InMemoryRoute53 route53 = new InMemoryRoute53("Z0EXAMPLE", "example.com");
    route53.put("legacy.example.com", "A", 300, "198.51.100.7");

    // With a real client: Route53DnsBackend.create(Route53Settings.defaults(), OWNER_ID) builds
    // it from the default credential chain; withClient takes one you built (and does not close it).
    DnsBackend backend =
        Route53DnsBackend.withClient(route53, Route53Settings.defaults(), OWNER_ID);

    // 1. Read: everything under example.com (whoever owns it), plus our records wherever they are.
    ReadScope scope = ReadScope.of(List.of(ZONE), Set.of(OWNER_ID), DomainFilter.ALL);
    System.out.println("# read example.com");
    print(backend.read(scope, true));

    // 2. Apply a change set built by hand: create www, claimed by a resource of our choosing.
    RecordSet www = RecordSet.of("www.example.com", RecordType.A, 60, "192.0.2.10");
    ChangeSet create =
        new ChangeSet(List.of(new DesiredRecord(www, "service/default/www")), List.of(), List.of());
    System.out.println("# apply a change set built by hand");
    apply(backend, create, route53);

    // 3. Let the planner compute the change: www should have two addresses now. The planner sees
    //    legacy too, but it is not ours and not wanted: nothing is planned for it.
    Planner planner = new Planner(PlanSettings.defaults().withOwnerId(OWNER_ID));
    RecordSet www2 = www.withTargets(List.of("192.0.2.10", "192.0.2.11"));
    ZoneState now = backend.read(scope, true);
    ChangeSet update =
        planner
            .plan(
                now.records(),
                List.of(new DesiredRecord(www2, "service/default/www")),
                Set.of(),
                true)
            .changes();
    System.out.println("# apply the planner's change set");
    apply(backend, update, route53);
    backend.close();

    // 4. A fresh backend, as in a new process: nothing is kept in memory, the marks in the zone are
    //    the registry. A read that names no domain, only our owner id, finds www; planning with
    //    nothing wanted deletes it (and its mark). legacy is not ours: never touched.
    DnsBackend fresh = Route53DnsBackend.withClient(route53, Route53Settings.defaults(), OWNER_ID);
    ReadScope ours = ReadScope.of(List.of(), Set.of(OWNER_ID), DomainFilter.ALL);
    System.out.println("# a fresh backend finds its own records (no domain given)");
    ZoneState found = fresh.read(ours, true);
    print(found);
    ChangeSet cleanUp = planner.plan(found.records(), List.of(), Set.of(), true).changes();
    System.out.println("# apply the planner's change set: nothing is wanted any more");
    apply(fresh, cleanUp, route53);
    fresh.close();

    System.out.println("# what the zone holds at the end");
    route53.contents().forEach(line -> System.out.println("  " + line));
  }

  private static void apply(DnsBackend backend, ChangeSet changes, InMemoryRoute53 route53) {
    ChangeLines.of(changes).forEach(line -> System.out.println("  " + line));
    ApplyResult result = backend.apply(changes);
    // apply reports names it could not write; it throws only when the service cannot be reached
    result
        .failedNames()
        .forEach((name, why) -> System.out.println("  failed " + name + ": " + why));
    System.out.println(
        "  -> " + (result.isComplete() ? "applied" : "incomplete") + "; Route53 received:");
    route53.takeLog().forEach(line -> System.out.println("     " + line));
  }

  private static void print(ZoneState state) {
    // sorted: a backend returns the record sets in no particular order
    List<CurrentRecord> sorted =
        state.records().stream().sorted(Comparator.comparing(CurrentRecord::key)).toList();
    for (CurrentRecord r : sorted) {
      String owner =
          r.ownership()
              .owner()
              .map(o -> "owned by " + o + r.ownership().resource().map(s -> " for " + s).orElse(""))
              .orElse("not owned by anyone");
      System.out.println("  " + r.record() + "  (" + owner + ")");
    }
    state
        .failedDomains()
        .forEach((domain, why) -> System.out.println("  failed " + domain + ": " + why));
  }
}
