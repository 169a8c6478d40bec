package io.kuberoute.core.internal.routing;

import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.DomainFilter;
import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.model.PodInfo;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.core.model.ServiceRef;
import io.kuberoute.core.port.ClusterChange;
import io.kuberoute.core.routing.RouteSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The outcome of every qualifying service, kept up to date change by change, so that a change costs
 * what it touches, not the size of the cluster. It gives the same outcomes as {@link
 * RouteResolver#resolve} over the same view followed by {@link Resolution#within} the domain filter
 * (a test drives both with random changes).
 *
 * <p>Besides the view (nodes, pods by namespace, qualifying services) it keeps, per service, the
 * nodes its live pods run on (with a count per node), and the indexes to find what a change
 * touches:
 *
 * <ul>
 *   <li>a pod change: the services whose selector it matches (each service is indexed under one
 *       term of its selector, its rarest), and only if the pod was or is live;
 *   <li>a node change: the services with live pods on it; a node added or removed changes every
 *       quota's denominator, so every route is rebuilt, from the per-node counts, with no pod scan;
 *   <li>a service change: itself (its pods are found by a scan of its namespace when its selector
 *       changed), and the services that share its name (the first by namespace/name wins it).
 * </ul>
 *
 * <p>Not thread-safe: used by the serialised sync.
 */
public final class RouteTable {

  /** A service's outcome before and after a load or a batch of changes; empty when none. */
  public record Change(Optional<ServiceOutcome> before, Optional<ServiceOutcome> after) {}

  /**
   * What a load or a batch of changes did.
   *
   * @param services the services whose outcome changed
   * @param nodes the nodes that changed (appeared, changed or disappeared)
   * @param domains the domains that gained their first route or lost their last one
   * @param all whether everything was re-read (a load)
   */
  public record Delta(
      Map<ServiceRef, Change> services, Set<String> nodes, Set<DnsName> domains, boolean all) {
    public Delta {
      services = Collections.unmodifiableMap(services);
      nodes = Collections.unmodifiableSet(nodes);
      domains = Collections.unmodifiableSet(domains);
    }

    public boolean isEmpty() {
      return services.isEmpty() && nodes.isEmpty() && domains.isEmpty();
    }
  }

  private record NodeEntry(NodeInfo info, NodeAddresses addresses) {}

  /** One selector term of a namespace. */
  private record Term(String namespace, String key, String value) {}

  /** A qualifying service and what the table knows of it. */
  private static final class Entry {
    final ServiceRef ref;
    ServiceInfo info;
    ServiceLabels labels;
    Map<String, String> selector = Map.of();
    Term indexedUnder;

    /** Node name → live pods of the service there (pods with a node name). */
    final Map<String, int[]> liveOnNode = new HashMap<>(8);

    /** Host IP → live pods of the service there (pods that only report a host IP). */
    final Map<String, int[]> liveAtAddress = new HashMap<>(0);

    ServiceOutcome outcome;

    Entry(ServiceRef ref) {
      this.ref = ref;
    }
  }

  private final RouteSettings settings;
  private final DomainFilter filter;
  private boolean loaded;

  private final Map<String, NodeEntry> nodes = new HashMap<>();
  private final Map<String, TreeSet<String>> nodesByAddress = new HashMap<>();
  private final Map<String, Map<String, PodInfo>> pods = new HashMap<>();
  private final Map<ServiceRef, Entry> services = new HashMap<>();

  /** namespace → label key → label value → the services indexed under that term. */
  private final Map<String, Map<String, Map<String, List<Entry>>>> selectorIndex = new HashMap<>();

  private final Map<Term, int[]> termUse = new HashMap<>();
  private final Map<String, Set<Entry>> servicesOnNode = new HashMap<>();
  private final Map<String, Set<Entry>> servicesAtAddress = new HashMap<>();
  private final Map<DnsName, TreeMap<ServiceRef, Entry>> byName = new HashMap<>();
  private final Map<DnsName, Route> published = new HashMap<>();
  private final Map<DnsName, int[]> domains = new HashMap<>();
  private final TreeMap<ServiceRef, ServiceProblem> problems = new TreeMap<>();
  private int failovers;

  /**
   * Each service whose outcome is a route: whether it publishes its failover. Kept as outcomes
   * change (a change costs one entry, not a pass over every service) and concurrent, so that a
   * metrics scrape reads it from its own thread while a sync runs.
   */
  private final Map<ServiceRef, Boolean> failoverStates = new ConcurrentHashMap<>();

  // the batch being applied
  private final Set<Entry> dirty = new LinkedHashSet<>();
  private boolean allDirty;
  private final Map<ServiceRef, ServiceOutcome[]> changed = new LinkedHashMap<>();
  private final Set<String> changedNodes = new HashSet<>();
  private final Set<DnsName> changedDomains = new HashSet<>();

  public RouteTable(RouteSettings settings, DomainFilter filter) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.filter = Objects.requireNonNull(filter, "filter");
  }

  /** Whether a view was ever {@link #load loaded}. */
  public boolean loaded() {
    return loaded;
  }

  /** Replaces the whole view with {@code snapshot}; the delta names every service that changed. */
  public Delta load(ClusterSnapshot snapshot) {
    Map<ServiceRef, ServiceOutcome> before = new HashMap<>();
    services.forEach((ref, e) -> before.put(ref, e.outcome));
    Set<String> nodesBefore = new HashSet<>(nodes.keySet());
    Set<DnsName> domainsBefore = new HashSet<>(domains.keySet());
    clear();
    for (NodeInfo n : snapshot.nodes()) {
      putNode(n.name(), n);
    }
    for (ServiceInfo s : snapshot.services()) {
      putService(s.ref(), s);
    }
    for (PodInfo p : snapshot.pods()) {
      putPod(p.namespace(), p.name(), p);
    }
    allDirty = true;
    loaded = true;
    finishBatch();
    // kept through the load, so that a reader never sees it empty: now drop what is no route
    failoverStates.keySet().removeIf(ref -> !(outcome(ref).orElse(null) instanceof Route));
    Map<ServiceRef, Change> delta = new LinkedHashMap<>();
    before.forEach(
        (ref, outcome) -> {
          Entry e = services.get(ref);
          ServiceOutcome after = e == null ? null : e.outcome;
          if (!Objects.equals(outcome, after)) {
            delta.put(ref, new Change(Optional.ofNullable(outcome), Optional.ofNullable(after)));
          }
        });
    services.forEach(
        (ref, e) -> {
          if (!before.containsKey(ref)) {
            delta.put(ref, new Change(Optional.empty(), Optional.of(e.outcome)));
          }
        });
    nodesBefore.addAll(nodes.keySet());
    Set<DnsName> domainDelta = new HashSet<>(domainsBefore);
    domainDelta.addAll(domains.keySet());
    domainDelta.removeIf(d -> domainsBefore.contains(d) == domains.containsKey(d));
    resetBatch();
    return new Delta(delta, nodesBefore, domainDelta, true);
  }

  /** Applies {@code changes} in order ({@link ClusterChange.Resync} is ignored: load instead). */
  public Delta apply(Collection<? extends ClusterChange> changes) {
    for (ClusterChange change : changes) {
      if (change instanceof ClusterChange.Pod p) {
        putPod(p.namespace(), p.name(), p.pod().orElse(null));
      } else if (change instanceof ClusterChange.Service s) {
        putService(s.ref(), s.service().orElse(null));
      } else if (change instanceof ClusterChange.Node n) {
        putNode(n.name(), n.node().orElse(null));
      }
    }
    finishBatch();
    Map<ServiceRef, Change> delta = new LinkedHashMap<>();
    changed.forEach(
        (ref, pair) -> {
          if (!Objects.equals(pair[0], pair[1])) {
            delta.put(ref, new Change(Optional.ofNullable(pair[0]), Optional.ofNullable(pair[1])));
          }
        });
    Delta d = new Delta(delta, new HashSet<>(changedNodes), new HashSet<>(changedDomains), false);
    resetBatch();
    return d;
  }

  /**
   * Runs the change path once with no effect: one pod goes and comes back, so the code a change
   * runs is compiled before the first real one (the load runs most of it, but not all). Returns
   * what the pod's going did (a delta in which at least one of its Services had a named route), so
   * that the steps after the table can run on it too; empty when no live pod has such a Service.
   * The table is left as it was.
   */
  public Optional<Delta> warmUp() {
    List<PodInfo> candidates = new ArrayList<>();
    outer:
    for (Map<String, PodInfo> inNamespace : pods.values()) {
      for (PodInfo pod : inNamespace.values()) {
        if (RouteResolver.isLivePod(pod)) {
          candidates.add(pod);
          if (candidates.size() == 16) {
            break outer;
          }
        }
      }
    }
    for (PodInfo pod : candidates) {
      Delta gone = apply(List.of(ClusterChange.podGone(pod.namespace(), pod.name())));
      apply(List.of(ClusterChange.pod(pod)));
      for (Change c : gone.services().values()) {
        if (c.before().flatMap(ServiceOutcome::name).isPresent()) {
          return Optional.of(gone);
        }
      }
    }
    return Optional.empty();
  }

  // ---- reading ----

  /** The route published at {@code name}, if a managed route has it. */
  public Optional<Route> routeAt(DnsName name) {
    return Optional.ofNullable(published.get(name));
  }

  /** The current outcome of {@code service}, if it qualifies. */
  public Optional<ServiceOutcome> outcome(ServiceRef service) {
    Entry e = services.get(service);
    return e == null ? Optional.empty() : Optional.ofNullable(e.outcome);
  }

  /** Every outcome, routes and problems each in namespace/name order. */
  public Resolution resolution() {
    List<Route> routes = new ArrayList<>(published.size());
    List<ServiceProblem> all = new ArrayList<>(problems.size());
    List<ServiceRef> refs = new ArrayList<>(services.keySet());
    Collections.sort(refs);
    for (ServiceRef ref : refs) {
      ServiceOutcome o = services.get(ref).outcome;
      if (o instanceof Route r) {
        routes.add(r);
      } else {
        all.add((ServiceProblem) o);
      }
    }
    return new Resolution(routes, all);
  }

  /** The routes published, in no particular order. */
  public Collection<Route> routes() {
    return Collections.unmodifiableCollection(published.values());
  }

  /** The problems, in namespace/name order. */
  public Collection<ServiceProblem> problems() {
    return Collections.unmodifiableCollection(problems.values());
  }

  /** The domains of the routes published. */
  public Set<DnsName> domains() {
    return Collections.unmodifiableSet(domains.keySet());
  }

  public Collection<NodeInfo> nodes() {
    List<NodeInfo> out = new ArrayList<>(nodes.size());
    for (NodeEntry e : nodes.values()) {
      out.add(e.info());
    }
    return out;
  }

  public Optional<NodeInfo> node(String name) {
    NodeEntry e = nodes.get(name);
    return e == null ? Optional.empty() : Optional.of(e.info());
  }

  /** How many routes publish their failover. */
  public int servicesInFailover() {
    return failovers;
  }

  /**
   * Each service with a route and whether it publishes its failover: a live, unmodifiable view that
   * any thread may read while the table changes (weakly consistent while a batch is applied).
   */
  public Map<ServiceRef, Boolean> failoverStates() {
    return Collections.unmodifiableMap(failoverStates);
  }

  // ---- nodes ----

  private void putNode(String name, NodeInfo info) {
    NodeEntry old = nodes.get(name);
    if (old == null && info == null) {
      return;
    }
    if (old != null && info != null && old.info().equals(info)) {
      return;
    }
    changedNodes.add(name);
    if (old != null) {
      forEachAddress(
          old.info(),
          ip -> {
            TreeSet<String> names = nodesByAddress.get(ip);
            if (names != null) {
              names.remove(name);
              if (names.isEmpty()) {
                nodesByAddress.remove(ip);
              }
            }
          });
      nodes.remove(name);
    }
    if (info != null) {
      nodes.put(name, new NodeEntry(info, NodeAddresses.of(info, settings.nodeAddress())));
      forEachAddress(
          info, ip -> nodesByAddress.computeIfAbsent(ip, k -> new TreeSet<>()).add(name));
    }
    if ((old == null) != (info == null)) {
      allDirty = true; // the quota's denominator changed
      return;
    }
    dirty.addAll(servicesOnNode.getOrDefault(name, Set.of()));
    if (!old.info().internalIps().equals(info.internalIps())
        || !old.info().externalIps().equals(info.externalIps())) {
      Set<String> ips = new HashSet<>();
      forEachAddress(old.info(), ips::add);
      forEachAddress(info, ips::add);
      for (String ip : ips) {
        dirty.addAll(servicesAtAddress.getOrDefault(ip, Set.of()));
      }
    }
  }

  private static void forEachAddress(NodeInfo node, java.util.function.Consumer<String> action) {
    node.internalIps().forEach(action);
    node.externalIps().forEach(action);
  }

  /** The node a pod that reports only a host IP runs on: of several, the first by name. */
  private NodeEntry nodeAt(String ip) {
    TreeSet<String> names = nodesByAddress.get(ip);
    return names == null ? null : nodes.get(names.first());
  }

  // ---- pods ----

  private void putPod(String namespace, String name, PodInfo pod) {
    Map<String, PodInfo> inNamespace = pods.get(namespace);
    PodInfo old = inNamespace == null ? null : inNamespace.get(name);
    if (old == null && pod == null) {
      return;
    }
    if (old != null && old.equals(pod)) {
      return;
    }
    if (old != null) {
      contribute(old, -1);
    }
    if (pod == null) {
      inNamespace.remove(name);
      if (inNamespace.isEmpty()) {
        pods.remove(namespace);
      }
    } else {
      pods.computeIfAbsent(namespace, n -> new HashMap<>()).put(name, pod);
      contribute(pod, +1);
    }
  }

  /** Adds ({@code +1}) or removes ({@code -1}) a live pod's node to or from its services. */
  private void contribute(PodInfo pod, int sign) {
    if (!RouteResolver.isLivePod(pod)) {
      return;
    }
    Map<String, Map<String, List<Entry>>> byKey = selectorIndex.get(pod.namespace());
    if (byKey == null) {
      return;
    }
    Map<String, String> labels = pod.labels();
    for (Map.Entry<String, String> label : labels.entrySet()) {
      Map<String, List<Entry>> byValue = byKey.get(label.getKey());
      if (byValue == null) {
        continue;
      }
      List<Entry> candidates = byValue.get(label.getValue());
      if (candidates == null) {
        continue;
      }
      for (Entry s : candidates) {
        if (Selectors.isSubset(s.selector, labels)) {
          count(s, pod, sign);
        }
      }
    }
  }

  private void count(Entry s, PodInfo pod, int sign) {
    Map<String, int[]> counts;
    Map<String, Set<Entry>> index;
    String where;
    if (pod.nodeName().isPresent()) {
      counts = s.liveOnNode;
      index = servicesOnNode;
      where = pod.nodeName().get();
    } else if (pod.hostIp().isPresent()) {
      counts = s.liveAtAddress;
      index = servicesAtAddress;
      where = pod.hostIp().get();
    } else {
      return;
    }
    int[] n = counts.get(where);
    if (n == null) {
      if (sign < 0) {
        return; // never counted
      }
      counts.put(where, new int[] {1});
      index.computeIfAbsent(where, k -> new HashSet<>()).add(s);
    } else {
      n[0] += sign;
      if (n[0] <= 0) {
        counts.remove(where);
        Set<Entry> set = index.get(where);
        if (set != null) {
          set.remove(s);
          if (set.isEmpty()) {
            index.remove(where);
          }
        }
      }
    }
    dirty.add(s);
  }

  // ---- services ----

  private boolean qualifies(ServiceInfo service) {
    return settings.serviceTypes().contains(service.type())
        && service.labels().containsKey(settings.labels().domain())
        && service.labels().containsKey(settings.labels().name());
  }

  private void putService(ServiceRef ref, ServiceInfo info) {
    Entry e = services.get(ref);
    ServiceInfo now = info != null && qualifies(info) ? info : null;
    if (e == null && now == null) {
      return;
    }
    if (e != null && now != null && e.info.equals(now)) {
      return;
    }
    if (e == null) {
      e = new Entry(ref);
      services.put(ref, e);
      set(e, now);
      addName(e);
      index(e);
      scanPods(e);
      dirty.add(e);
      return;
    }
    if (now == null) {
      removeName(e);
      unindex(e);
      clearCounts(e);
      services.remove(ref);
      dirty.remove(e);
      setOutcome(e, null);
      return;
    }
    Map<String, String> newSelector = now.selector().orElse(Map.of());
    removeName(e);
    if (!newSelector.equals(e.selector)) {
      unindex(e);
      clearCounts(e);
      set(e, now);
      index(e);
      scanPods(e);
    } else {
      set(e, now);
    }
    addName(e);
    dirty.add(e);
  }

  private void set(Entry e, ServiceInfo info) {
    e.info = info;
    e.labels = ServiceLabels.parse(info, settings);
    e.selector = info.selector().orElse(Map.of());
  }

  private void addName(Entry e) {
    DnsName fqdn = e.labels.fqdn();
    if (fqdn == null) {
      return;
    }
    TreeMap<ServiceRef, Entry> same = byName.computeIfAbsent(fqdn, n -> new TreeMap<>());
    if (same.put(e.ref, e) == null) {
      dirty.addAll(same.values());
    }
  }

  private void removeName(Entry e) {
    DnsName fqdn = e.labels.fqdn();
    if (fqdn == null) {
      return;
    }
    TreeMap<ServiceRef, Entry> same = byName.get(fqdn);
    if (same != null && same.remove(e.ref) != null) {
      dirty.addAll(same.values());
      if (same.isEmpty()) {
        byName.remove(fqdn);
      }
    }
  }

  /** Indexes the service under the term of its selector that the fewest services use. */
  private void index(Entry e) {
    if (e.selector.isEmpty()) {
      return;
    }
    String ns = e.ref.namespace();
    Term best = null;
    int bestUse = Integer.MAX_VALUE;
    for (Map.Entry<String, String> t : e.selector.entrySet()) {
      Term term = new Term(ns, t.getKey(), t.getValue());
      int[] use = termUse.computeIfAbsent(term, k -> new int[1]);
      use[0]++;
      if (use[0] < bestUse || (use[0] == bestUse && compare(term, best) < 0)) {
        best = term;
        bestUse = use[0];
      }
    }
    e.indexedUnder = best;
    selectorIndex
        .computeIfAbsent(ns, k -> new HashMap<>())
        .computeIfAbsent(best.key(), k -> new HashMap<>())
        .computeIfAbsent(best.value(), k -> new ArrayList<>(1))
        .add(e);
  }

  private static int compare(Term a, Term b) {
    int c = a.key().compareTo(b.key());
    return c != 0 ? c : a.value().compareTo(b.value());
  }

  private void unindex(Entry e) {
    for (Map.Entry<String, String> t : e.selector.entrySet()) {
      Term term = new Term(e.ref.namespace(), t.getKey(), t.getValue());
      int[] use = termUse.get(term);
      if (use != null && --use[0] <= 0) {
        termUse.remove(term);
      }
    }
    Term under = e.indexedUnder;
    if (under == null) {
      return;
    }
    Map<String, Map<String, List<Entry>>> byKey = selectorIndex.get(under.namespace());
    Map<String, List<Entry>> byValue = byKey.get(under.key());
    List<Entry> list = byValue.get(under.value());
    list.remove(e);
    if (list.isEmpty()) {
      byValue.remove(under.value());
      if (byValue.isEmpty()) {
        byKey.remove(under.key());
        if (byKey.isEmpty()) {
          selectorIndex.remove(under.namespace());
        }
      }
    }
    e.indexedUnder = null;
  }

  private void scanPods(Entry e) {
    if (e.selector.isEmpty()) {
      return;
    }
    Map<String, PodInfo> inNamespace = pods.get(e.ref.namespace());
    if (inNamespace == null) {
      return;
    }
    for (PodInfo pod : inNamespace.values()) {
      if (RouteResolver.isLivePod(pod) && Selectors.isSubset(e.selector, pod.labels())) {
        count(e, pod, +1);
      }
    }
  }

  private void clearCounts(Entry e) {
    for (String node : e.liveOnNode.keySet()) {
      Set<Entry> set = servicesOnNode.get(node);
      if (set != null) {
        set.remove(e);
        if (set.isEmpty()) {
          servicesOnNode.remove(node);
        }
      }
    }
    for (String ip : e.liveAtAddress.keySet()) {
      Set<Entry> set = servicesAtAddress.get(ip);
      if (set != null) {
        set.remove(e);
        if (set.isEmpty()) {
          servicesAtAddress.remove(ip);
        }
      }
    }
    e.liveOnNode.clear();
    e.liveAtAddress.clear();
  }

  // ---- outcomes ----

  private void finishBatch() {
    Collection<Entry> todo = allDirty ? services.values() : dirty;
    for (Entry e : todo) {
      setOutcome(e, resolve(e));
    }
  }

  private void resetBatch() {
    dirty.clear();
    allDirty = false;
    changed.clear();
    changedNodes.clear();
    changedDomains.clear();
  }

  private ServiceOutcome resolve(Entry e) {
    ServiceLabels l = e.labels;
    if (l.nameProblem() != null) {
      return l.nameProblem();
    }
    for (Entry other : byName.get(l.fqdn()).values()) {
      if (other == e) {
        break;
      }
      if (other.labels.claims()) {
        return l.duplicateOf(other.ref);
      }
    }
    if (l.labelProblem() != null) {
      return l.labelProblem();
    }
    List<String> serving = new ArrayList<>(e.liveOnNode.size() + e.liveAtAddress.size());
    for (String name : e.liveOnNode.keySet()) {
      NodeEntry n = nodes.get(name);
      if (n != null && n.info().isServing()) {
        serving.add(name);
      }
    }
    if (!e.liveAtAddress.isEmpty()) {
      Set<String> seen = new HashSet<>(serving);
      for (String ip : e.liveAtAddress.keySet()) {
        NodeEntry n = nodeAt(ip);
        if (n != null && n.info().isServing() && seen.add(n.info().name())) {
          serving.add(n.info().name());
        }
      }
    }
    Route route =
        RouteBuilder.build(
            l, serving, name -> nodes.get(name).addresses(), nodes.size(), settings.ttl());
    return filter.matches(route.fqdn()) ? route : ServiceLabels.notManaged(route, filter);
  }

  // identity on purpose: the name is unpublished only if it still holds this entry's own route
  @SuppressWarnings("ReferenceEquality")
  private void setOutcome(Entry e, ServiceOutcome now) {
    ServiceOutcome old = e.outcome;
    if (Objects.equals(old, now)) {
      return;
    }
    if (old instanceof Route r) {
      if (published.get(r.fqdn()) == r) {
        published.remove(r.fqdn());
      }
      int[] n = domains.get(r.domain());
      if (--n[0] == 0) {
        domains.remove(r.domain());
        changedDomains.add(r.domain());
      }
      if (r.failoverActive()) {
        failovers--;
      }
      if (!(now instanceof Route)) {
        failoverStates.remove(e.ref);
      }
    } else if (old instanceof ServiceProblem) {
      problems.remove(e.ref);
    }
    if (now instanceof Route r) {
      failoverStates.put(e.ref, r.failoverActive());
      published.put(r.fqdn(), r);
      int[] n = domains.computeIfAbsent(r.domain(), d -> new int[1]);
      if (n[0]++ == 0) {
        changedDomains.add(r.domain());
      }
      if (r.failoverActive()) {
        failovers++;
      }
    } else if (now instanceof ServiceProblem p) {
      problems.put(e.ref, p);
    }
    e.outcome = now;
    ServiceOutcome[] pair = changed.get(e.ref);
    if (pair == null) {
      changed.put(e.ref, new ServiceOutcome[] {old, now});
    } else {
      pair[1] = now;
    }
  }

  private void clear() {
    loaded = false;
    nodes.clear();
    nodesByAddress.clear();
    pods.clear();
    services.clear();
    selectorIndex.clear();
    termUse.clear();
    servicesOnNode.clear();
    servicesAtAddress.clear();
    byName.clear();
    published.clear();
    domains.clear();
    problems.clear();
    failovers = 0;
    resetBatch();
  }
}
