package io.kuberoute.testkit.route53;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * An in-process stand-in for Route53's REST/XML API (version 2013-04-01) on a free loopback port,
 * enforcing Route53's rules the way Route53 does, with Route53's error XML:
 *
 * <ul>
 *   <li>{@code GET /2013-04-01/hostedzone}: ListHostedZones, pages of {@code maxitems} (at most
 *       100) with {@code Marker}/{@code NextMarker};
 *   <li>{@code GET /2013-04-01/hostedzone/{id}/rrset}: ListResourceRecordSets, sorted as Route53
 *       sorts (labels reversed, then type, then set identifier), pages of at most 300 with {@code
 *       NextRecordName}/{@code NextRecordType}/{@code NextRecordIdentifier};
 *   <li>{@code POST /2013-04-01/hostedzone/{id}/rrset/}: ChangeResourceRecordSets. The batch is
 *       atomic: changes are checked in order against the zone as the earlier changes left it, and
 *       if any fails nothing is applied and the answer is {@code 400 InvalidChangeBatch} listing
 *       every problem. Refused: CREATE of an existing set; DELETE of a missing set, or whose TTL or
 *       values differ from what is stored; a CNAME beside any other record at its name (and any
 *       record beside a CNAME); a name outside the zone; A/AAAA values that are no IP address; a
 *       CNAME with several values; more than 1000 ResourceRecord elements (an UPSERT counts twice)
 *       or more than 32,000 characters of values in one request;
 *   <li>{@code GET /2013-04-01/change/{id}}: GetChange (always INSYNC).
 * </ul>
 *
 * <p>Every request needs a SigV4 {@code Authorization} header (the signature is not checked; the
 * access key id and signing region are recorded). Faults on demand, per operation: throttling
 * ({@code 400 Throttling}), server errors ({@code 5xx}), access denied ({@code 403}), and a delay
 * before every answer. Every request is counted per operation, and the number of changes of every
 * ChangeResourceRecordSets request is recorded, so tests and benchmarks can count calls; a call log
 * names the zone of each request (which zones a sync read). ListHostedZones can be made to page by
 * fewer than 100 zones ({@link #pageZonesBy}).
 *
 * <p>Zones start with an SOA and an NS record at their apex, as Route53's do. Thread-safe.
 */
public final class Route53TestServer implements AutoCloseable {

  /** The XML namespace of the 2013-04-01 API. */
  public static final String NAMESPACE = "https://route53.amazonaws.com/doc/2013-04-01/";

  /** Route53's largest ListResourceRecordSets page. */
  public static final int MAX_RECORD_PAGE = 300;

  /** Route53's largest ListHostedZones page. */
  public static final int MAX_ZONE_PAGE = 100;

  /** The Route53 operations this server answers. */
  public enum Operation {
    LIST_HOSTED_ZONES,
    LIST_RESOURCE_RECORD_SETS,
    CHANGE_RESOURCE_RECORD_SETS,
    GET_CHANGE
  }

  /** A record set as stored (name lower-case with the trailing dot). */
  public record RecordSet(
      String name,
      String type,
      long ttl,
      List<String> values,
      String setIdentifier,
      Long weight,
      String aliasTarget) {
    public RecordSet {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      values = List.copyOf(values);
    }

    /** A plain record set. */
    public static RecordSet of(String name, String type, long ttl, String... values) {
      return new RecordSet(absolute(name), type, ttl, List.of(values), null, null, null);
    }

    boolean isAlias() {
      return aliasTarget != null;
    }
  }

  /** A zone as stored. */
  public record Zone(String id, String name, boolean privateZone) {}

  /** One request received: its operation and the hosted zone it named (null for none). */
  public record Call(Operation operation, String zoneId) {}

  /** A record set's identity; {@code order} is the name with its labels reversed, for sorting. */
  private record Key(String name, String type, String setIdentifier, String order) {
    static Key of(String name, String type, String setIdentifier) {
      return new Key(name, type, setIdentifier, reversed(name));
    }
  }

  /** A zone and its record sets, kept in Route53's listing order. */
  private record ZoneData(Zone zone, NavigableMap<Key, RecordSet> sets) {}

  private record Fault(int times, int status, String code, String message) {}

  private static final Pattern CREDENTIAL =
      Pattern.compile("Credential=([^/]+)/[^/]+/([^/]+)/([^/]+)/aws4_request");

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, ZoneData> zones = new TreeMap<>();
  private final Map<Operation, Integer> calls = new EnumMap<>(Operation.class);
  private final List<Integer> changeBatchSizes = new ArrayList<>();
  private final List<Integer> acceptedBatchSizes = new ArrayList<>();
  private final Map<Operation, List<Fault>> faults = new EnumMap<>(Operation.class);
  private final Set<String> accessKeyIds = new LinkedHashSet<>();
  private final Set<String> signingRegions = new LinkedHashSet<>();
  private final List<Call> callLog = new ArrayList<>();
  private Duration delay = Duration.ZERO;
  private int zonePage = MAX_ZONE_PAGE;
  private int nextZone = 1;
  private int nextChange = 1;

  private Route53TestServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts a server on a free loopback port. */
  public static Route53TestServer start() {
    try {
      HttpServer http =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ExecutorService executor =
          Executors.newFixedThreadPool(
              4,
              r -> {
                Thread t = new Thread(r, "route53-test-server");
                t.setDaemon(true);
                return t;
              });
      Route53TestServer fake = new Route53TestServer(http, executor);
      http.createContext("/", fake::handle);
      http.setExecutor(executor);
      http.start();
      return fake;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the Route53 test server", e);
    }
  }

  /** The base URL to give the SDK as endpoint override. */
  public URI endpoint() {
    return URI.create(
        "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---------------------------------------------------------------------------------------------
  // state, for tests

  /** Back to a fresh server: no zones, no counts, no faults, no delay. */
  public synchronized void reset() {
    zones.clear();
    calls.clear();
    changeBatchSizes.clear();
    acceptedBatchSizes.clear();
    callLog.clear();
    faults.clear();
    accessKeyIds.clear();
    signingRegions.clear();
    delay = Duration.ZERO;
    zonePage = MAX_ZONE_PAGE;
  }

  /** Creates a public hosted zone and returns its id. */
  public String createZone(String name) {
    return createZone(name, false);
  }

  /** Creates a hosted zone with an apex SOA and NS record and returns its id. */
  public synchronized String createZone(String name, boolean privateZone) {
    String id = "Z%04dTEST".formatted(nextZone++);
    String zoneName = absolute(name);
    ZoneData data = new ZoneData(new Zone(id, zoneName, privateZone), new TreeMap<>(ORDER));
    zones.put(id, data);
    store(
        data,
        RecordSet.of(
            zoneName,
            "SOA",
            900,
            "ns-1.awsdns-01.org. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"));
    store(data, RecordSet.of(zoneName, "NS", 172800, "ns-1.awsdns-01.org.", "ns-2.awsdns-02.net."));
    return id;
  }

  public synchronized void deleteZone(String id) {
    zones.remove(id);
  }

  /** Stores a record set directly (as if created by hand), replacing one with the same key. */
  public synchronized void put(String zoneId, RecordSet set) {
    store(zone(zoneId), set);
  }

  /** Stores a plain record set directly. */
  public void put(String zoneId, String name, String type, long ttl, String... values) {
    put(zoneId, RecordSet.of(name, type, ttl, values));
  }

  public synchronized void remove(String zoneId, String name, String type) {
    zone(zoneId).sets().remove(Key.of(absolute(name), type, null));
  }

  /** The plain record set at {@code name} and {@code type}, if any. */
  public synchronized Optional<RecordSet> get(String zoneId, String name, String type) {
    return Optional.ofNullable(zone(zoneId).sets().get(Key.of(absolute(name), type, null)));
  }

  /** Every record set of the zone, in Route53's order. */
  public synchronized List<RecordSet> recordSets(String zoneId) {
    return List.copyOf(zone(zoneId).sets().values());
  }

  /** The record sets of the zone except the apex SOA and NS. */
  public synchronized List<RecordSet> userRecordSets(String zoneId) {
    String apex = zone(zoneId).zone().name();
    return recordSets(zoneId).stream()
        .filter(s -> !(s.name().equals(apex) && (s.type().equals("SOA") || s.type().equals("NS"))))
        .toList();
  }

  /** Requests received for {@code op} (including refused and faulted ones). */
  public synchronized int calls(Operation op) {
    return calls.getOrDefault(op, 0);
  }

  /** Requests received per operation. */
  public synchronized Map<Operation, Integer> calls() {
    Map<Operation, Integer> all = new EnumMap<>(Operation.class);
    for (Operation op : Operation.values()) {
      all.put(op, calls.getOrDefault(op, 0));
    }
    return all;
  }

  /** The number of changes in every ChangeResourceRecordSets request that reached the rules. */
  public synchronized List<Integer> changeBatchSizes() {
    return List.copyOf(changeBatchSizes);
  }

  /** The number of changes in every ChangeResourceRecordSets request that was applied. */
  public synchronized List<Integer> acceptedBatchSizes() {
    return List.copyOf(acceptedBatchSizes);
  }

  /** Forgets the counts, the call log and batch sizes (not the zones). */
  public synchronized void resetCounts() {
    calls.clear();
    callLog.clear();
    changeBatchSizes.clear();
    acceptedBatchSizes.clear();
  }

  /** Every request received since the last reset, in order (including refused and faulted ones). */
  public synchronized List<Call> callLog() {
    return List.copyOf(callLog);
  }

  /** The zones named by the ListResourceRecordSets requests received, once each, in order. */
  public synchronized Set<String> zonesListed() {
    Set<String> out = new LinkedHashSet<>();
    for (Call c : callLog) {
      if (c.operation() == Operation.LIST_RESOURCE_RECORD_SETS) {
        out.add(c.zoneId());
      }
    }
    return out;
  }

  /**
   * ListHostedZones answers at most {@code max} zones per page (1..100), whatever the client asks
   * for, so that a few zones take several pages. Back to 100 on {@link #reset()}.
   */
  public synchronized void pageZonesBy(int max) {
    if (max < 1 || max > MAX_ZONE_PAGE) {
      throw new IllegalArgumentException("a zone page holds 1.." + MAX_ZONE_PAGE + " zones");
    }
    zonePage = max;
  }

  /** The access key ids of all signed requests. */
  public synchronized Set<String> accessKeyIds() {
    return Set.copyOf(accessKeyIds);
  }

  /** The signing regions of all signed requests. */
  public synchronized Set<String> signingRegions() {
    return Set.copyOf(signingRegions);
  }

  /** The next {@code times} requests for {@code op} get {@code 400 Throttling: Rate exceeded}. */
  public synchronized void throttle(Operation op, int times) {
    faults
        .computeIfAbsent(op, o -> new ArrayList<>())
        .add(new Fault(times, 400, "Throttling", "Rate exceeded"));
  }

  /** The next {@code times} requests for {@code op} get a {@code status} server error. */
  public synchronized void failWithServerError(Operation op, int times, int status) {
    String code = status == 503 ? "ServiceUnavailable" : "InternalFailure";
    faults
        .computeIfAbsent(op, o -> new ArrayList<>())
        .add(new Fault(times, status, code, "The service is unavailable. Please try again later."));
  }

  /** The next {@code times} requests for {@code op} get {@code 403 AccessDenied}. */
  public synchronized void denyAccess(Operation op, int times) {
    faults
        .computeIfAbsent(op, o -> new ArrayList<>())
        .add(
            new Fault(
                times,
                403,
                "AccessDenied",
                "User: arn:aws:iam::123456789012:user/kuberoute is not authorized to perform: "
                    + action(op)));
  }

  /** Waits {@code d} before answering every request (for timeouts). */
  public synchronized void delayAnswers(Duration d) {
    delay = d;
  }

  // ---------------------------------------------------------------------------------------------
  // HTTP

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Duration wait;
      synchronized (this) {
        wait = delay;
      }
      if (!wait.isZero()) {
        try {
          Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      Answer answer;
      synchronized (this) {
        answer = dispatch(exchange, body);
      }
      byte[] bytes = answer.xml().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/xml");
      exchange.getResponseHeaders().set("x-amzn-RequestId", "req-" + System.nanoTime());
      exchange.sendResponseHeaders(answer.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (RuntimeException e) {
      e.printStackTrace();
      throw e;
    }
  }

  private record Answer(int status, String xml) {}

  private Answer dispatch(HttpExchange exchange, byte[] body) {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    Operation op;
    String zoneId = null;
    Matcher m;
    if (method.equals("GET") && path.matches("/2013-04-01/hostedzone/?")) {
      op = Operation.LIST_HOSTED_ZONES;
    } else if ((m = Pattern.compile("/2013-04-01/hostedzone/([^/]+)/rrset/?").matcher(path))
        .matches()) {
      zoneId = m.group(1);
      op =
          method.equals("POST")
              ? Operation.CHANGE_RESOURCE_RECORD_SETS
              : Operation.LIST_RESOURCE_RECORD_SETS;
    } else if (method.equals("GET") && path.matches("/2013-04-01/change/[^/]+")) {
      op = Operation.GET_CHANGE;
    } else {
      return error(
          404, "Sender", "UnknownOperationException", "no such operation: " + method + " " + path);
    }
    calls.merge(op, 1, Integer::sum);
    callLog.add(new Call(op, zoneId));

    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    Matcher cred = auth == null ? null : CREDENTIAL.matcher(auth);
    if (cred == null || !cred.find() || !cred.group(3).equals("route53")) {
      return error(403, "Sender", "MissingAuthenticationToken", "Missing Authentication Token");
    }
    accessKeyIds.add(cred.group(1));
    signingRegions.add(cred.group(2));

    Optional<Answer> fault = takeFault(op);
    if (fault.isPresent()) {
      return fault.get();
    }
    return switch (op) {
      case LIST_HOSTED_ZONES -> listHostedZones(query);
      case LIST_RESOURCE_RECORD_SETS -> listRecordSets(zoneId, query);
      case CHANGE_RESOURCE_RECORD_SETS -> change(zoneId, body);
      case GET_CHANGE ->
          new Answer(
              200,
              xml(
                  "GetChangeResponse",
                  "<ChangeInfo><Id>"
                      + path.substring(path.lastIndexOf('/') + 1)
                      + "</Id><Status>INSYNC</Status><SubmittedAt>"
                      + Instant.now()
                      + "</SubmittedAt></ChangeInfo>"));
    };
  }

  private Optional<Answer> takeFault(Operation op) {
    List<Fault> list = faults.get(op);
    if (list == null || list.isEmpty()) {
      return Optional.empty();
    }
    Fault f = list.get(0);
    if (f.times() <= 1) {
      list.remove(0);
    } else {
      list.set(0, new Fault(f.times() - 1, f.status(), f.code(), f.message()));
    }
    return Optional.of(
        error(f.status(), f.status() >= 500 ? "Receiver" : "Sender", f.code(), f.message()));
  }

  private Answer listHostedZones(Map<String, String> query) {
    int max = Math.min(parseMax(query.get("maxitems"), MAX_ZONE_PAGE), zonePage);
    List<ZoneData> all = new ArrayList<>(zones.values());
    int start = 0;
    String marker = query.get("marker");
    if (marker != null) {
      while (start < all.size() && all.get(start).zone().id().compareTo(marker) < 0) {
        start++;
      }
    }
    StringBuilder out = new StringBuilder("<HostedZones>");
    int end = Math.min(all.size(), start + max);
    for (ZoneData z : all.subList(start, end)) {
      out.append("<HostedZone><Id>/hostedzone/")
          .append(z.zone().id())
          .append("</Id><Name>")
          .append(esc(z.zone().name()))
          .append("</Name><CallerReference>ref-")
          .append(z.zone().id())
          .append("</CallerReference><Config><PrivateZone>")
          .append(z.zone().privateZone())
          .append("</PrivateZone></Config><ResourceRecordSetCount>")
          .append(z.sets().size())
          .append("</ResourceRecordSetCount></HostedZone>");
    }
    out.append("</HostedZones>");
    if (marker != null) {
      out.append("<Marker>").append(esc(marker)).append("</Marker>");
    }
    boolean truncated = end < all.size();
    out.append("<IsTruncated>").append(truncated).append("</IsTruncated>");
    if (truncated) {
      out.append("<NextMarker>").append(all.get(end).zone().id()).append("</NextMarker>");
    }
    out.append("<MaxItems>").append(max).append("</MaxItems>");
    return new Answer(200, xml("ListHostedZonesResponse", out.toString()));
  }

  private Answer listRecordSets(String zoneId, Map<String, String> query) {
    ZoneData zone = zones.get(zoneId);
    if (zone == null) {
      return noSuchZone(zoneId);
    }
    int max = Math.min(parseMax(query.get("maxitems"), MAX_RECORD_PAGE), MAX_RECORD_PAGE);
    NavigableMap<Key, RecordSet> from = zone.sets();
    if (query.containsKey("name")) {
      Key start =
          Key.of(
              absolute(unescape(query.get("name"))),
              query.getOrDefault("type", ""),
              query.get("identifier"));
      from = from.tailMap(start, true);
    }
    StringBuilder out = new StringBuilder("<ResourceRecordSets>");
    Key next = null;
    int n = 0;
    for (Map.Entry<Key, RecordSet> e : from.entrySet()) {
      if (n == max) {
        next = e.getKey();
        break;
      }
      out.append(recordSetXml(e.getValue()));
      n++;
    }
    out.append("</ResourceRecordSets>");
    out.append("<IsTruncated>").append(next != null).append("</IsTruncated>");
    if (next != null) {
      out.append("<NextRecordName>")
          .append(esc(escapeName(next.name())))
          .append("</NextRecordName>");
      out.append("<NextRecordType>").append(next.type()).append("</NextRecordType>");
      if (next.setIdentifier() != null) {
        out.append("<NextRecordIdentifier>")
            .append(esc(next.setIdentifier()))
            .append("</NextRecordIdentifier>");
      }
    }
    out.append("<MaxItems>").append(max).append("</MaxItems>");
    return new Answer(200, xml("ListResourceRecordSetsResponse", out.toString()));
  }

  private static String recordSetXml(RecordSet s) {
    StringBuilder out = new StringBuilder("<ResourceRecordSet>");
    out.append("<Name>")
        .append(esc(escapeName(s.name())))
        .append("</Name><Type>")
        .append(s.type())
        .append("</Type>");
    if (s.setIdentifier() != null) {
      out.append("<SetIdentifier>").append(esc(s.setIdentifier())).append("</SetIdentifier>");
    }
    if (s.weight() != null) {
      out.append("<Weight>").append(s.weight()).append("</Weight>");
    }
    if (s.isAlias()) {
      out.append("<AliasTarget><HostedZoneId>Z2FDTNDATAQYW2</HostedZoneId><DNSName>")
          .append(esc(s.aliasTarget()))
          .append("</DNSName><EvaluateTargetHealth>false</EvaluateTargetHealth></AliasTarget>");
    } else {
      out.append("<TTL>").append(s.ttl()).append("</TTL><ResourceRecords>");
      for (String v : s.values()) {
        out.append("<ResourceRecord><Value>").append(esc(v)).append("</Value></ResourceRecord>");
      }
      out.append("</ResourceRecords>");
    }
    return out.append("</ResourceRecordSet>").toString();
  }

  // ---------------------------------------------------------------------------------------------
  // ChangeResourceRecordSets and its rules

  private record ParsedChange(String action, RecordSet set) {}

  private Answer change(String zoneId, byte[] body) {
    ZoneData zone = zones.get(zoneId);
    if (zone == null) {
      return noSuchZone(zoneId);
    }
    List<ParsedChange> changes;
    try {
      changes = parseChanges(body);
    } catch (IllegalArgumentException e) {
      return error(400, "Sender", "InvalidInput", e.getMessage());
    }
    changeBatchSizes.add(changes.size());
    if (changes.isEmpty()) {
      return error(
          400,
          "Sender",
          "InvalidInput",
          "1 validation error detected: Value '[]' at 'changeBatch.changes' failed to satisfy constraint: Member must have length greater than or equal to 1");
    }
    int values = 0;
    long chars = 0;
    for (ParsedChange c : changes) {
      int weight = c.action().equals("UPSERT") ? 2 : 1;
      values += weight * c.set().values().size();
      for (String v : c.set().values()) {
        chars += (long) weight * v.length();
      }
    }
    if (changes.size() > 1000 || values > 1000) {
      return error(
          400, "Sender", "InvalidChangeBatch", "Number of records limit of 1000 exceeded.");
    }
    if (chars > 32_000) {
      return error(
          400, "Sender", "InvalidChangeBatch", "Number of characters limit of 32000 exceeded.");
    }
    NavigableMap<Key, RecordSet> work = new TreeMap<>(zone.sets());
    Map<String, Set<String>> typesByName = new HashMap<>();
    for (Key k : work.keySet()) {
      typesByName.computeIfAbsent(k.name(), n -> new java.util.HashSet<>()).add(k.type());
    }
    List<String> problems = new ArrayList<>();
    List<String> inputProblems = new ArrayList<>();
    for (ParsedChange c : changes) {
      String problem = check(zone.zone(), work, typesByName, c, inputProblems);
      if (problem != null) {
        problems.add(problem);
      }
    }
    if (!inputProblems.isEmpty()) {
      return error(400, "Sender", "InvalidInput", inputProblems.get(0));
    }
    if (!problems.isEmpty()) {
      return error(400, "Sender", "InvalidChangeBatch", "[" + String.join(", ", problems) + "]");
    }
    zone.sets().clear();
    zone.sets().putAll(work);
    acceptedBatchSizes.add(changes.size());
    String changeId = "C%06dTEST".formatted(nextChange++);
    return new Answer(
        200,
        xml(
            "ChangeResourceRecordSetsResponse",
            "<ChangeInfo><Id>/change/"
                + changeId
                + "</Id><Status>PENDING</Status><SubmittedAt>"
                + Instant.now()
                + "</SubmittedAt><Comment>kuberoute</Comment></ChangeInfo>"));
  }

  /** Checks one change against {@code work} and applies it there; returns the problem, if any. */
  private static String check(
      Zone zone,
      Map<Key, RecordSet> work,
      Map<String, Set<String>> typesByName,
      ParsedChange c,
      List<String> inputProblems) {
    RecordSet s = c.set();
    String n = s.name();
    if (!s.isAlias() && (s.ttl() < 0 || s.values().isEmpty())) {
      inputProblems.add(
          "Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords]], but found none in Change with [Action=%s, Name=%s, Type=%s, SetIdentifier=%s]"
              .formatted(c.action(), n, s.type(), s.setIdentifier()));
      return null;
    }
    if (!(n.equals(zone.name()) || n.endsWith("." + zone.name()))) {
      return "RRSet with DNS name %s is not permitted in zone %s".formatted(n, zone.name());
    }
    Key key = Key.of(n, s.type(), s.setIdentifier());
    RecordSet existing = work.get(key);
    switch (c.action()) {
      case "DELETE" -> {
        if (existing == null) {
          return "Tried to delete resource record set [name='%s', type='%s'] but it was not found"
              .formatted(n, s.type());
        }
        if (existing.ttl() != s.ttl() || !sameValues(existing.values(), s.values())) {
          return "Tried to delete resource record set [name='%s', type='%s'] but the values provided do not match the current values"
              .formatted(n, s.type());
        }
        work.remove(key);
        if (s.setIdentifier() == null
            || work.keySet().stream()
                .noneMatch(k -> k.name().equals(n) && k.type().equals(s.type()))) {
          typesByName.getOrDefault(n, new java.util.HashSet<>()).remove(s.type());
        }
        return null;
      }
      case "CREATE", "UPSERT" -> {
        String invalid = invalidValues(s);
        if (invalid != null) {
          return invalid;
        }
        if (c.action().equals("CREATE") && existing != null) {
          return "Tried to create resource record set [name='%s', type='%s'] but it already exists"
              .formatted(n, s.type());
        }
        Set<String> here = typesByName.getOrDefault(n, Set.of());
        boolean othersAtName = here.stream().anyMatch(t -> !t.equals(s.type()));
        if (s.type().equals("CNAME") && othersAtName) {
          return "RRSet of type CNAME with DNS name %s is not permitted as it conflicts with other records with the same DNS name in zone %s"
              .formatted(n, zone.name());
        }
        boolean cnameAtName = here.contains("CNAME");
        if (!s.type().equals("CNAME") && cnameAtName) {
          return "RRSet of type %s with DNS name %s is not permitted because a conflicting RRSet of type CNAME with the same DNS name already exists in zone %s"
              .formatted(s.type(), n, zone.name());
        }
        work.put(key, s);
        typesByName.computeIfAbsent(n, x -> new java.util.HashSet<>()).add(s.type());
        return null;
      }
      default -> {
        inputProblems.add(
            "Invalid XML ; cvc-enumeration-valid: Value '"
                + c.action()
                + "' is not facet-valid with respect to enumeration '[CREATE, DELETE, UPSERT]'.");
        return null;
      }
    }
  }

  private static String invalidValues(RecordSet s) {
    if (s.isAlias()) {
      return null;
    }
    for (String v : s.values()) {
      if (s.type().equals("A")
          && !v.matches(
              "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}")) {
        return "Invalid Resource Record: 'FATAL problem: ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with '%s''"
            .formatted(v);
      }
      if (s.type().equals("AAAA") && (!v.contains(":") || !v.matches("[0-9a-fA-F:.]+"))) {
        return "Invalid Resource Record: 'FATAL problem: AAAARRDATAIllegalIPv6Address (Value is not a valid IPv6 address) encountered with '%s''"
            .formatted(v);
      }
    }
    if (s.type().equals("CNAME") && s.values().size() != 1) {
      return "Invalid Resource Record: 'FATAL problem: RRDATANotSingleField (Value contains spaces) encountered with '%s''"
          .formatted(String.join(" ", s.values()));
    }
    return null;
  }

  private static boolean sameValues(List<String> a, List<String> b) {
    List<String> x = new ArrayList<>(a);
    List<String> y = new ArrayList<>(b);
    Collections.sort(x);
    Collections.sort(y);
    return x.equals(y);
  }

  private static List<ParsedChange> parseChanges(byte[] body) {
    Document doc;
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setNamespaceAware(true);
      DocumentBuilder builder = f.newDocumentBuilder();
      try (InputStream in = new ByteArrayInputStream(body)) {
        doc = builder.parse(in);
      }
    } catch (Exception e) {
      throw new IllegalArgumentException("Invalid XML ; " + e.getMessage());
    }
    Element root = doc.getDocumentElement();
    if (!"ChangeResourceRecordSetsRequest".equals(root.getLocalName())
        || !NAMESPACE.equals(root.getNamespaceURI())) {
      throw new IllegalArgumentException(
          "ChangeBatch is not valid, expected ChangeResourceRecordSetsRequest");
    }
    List<ParsedChange> out = new ArrayList<>();
    NodeList changes = root.getElementsByTagNameNS(NAMESPACE, "Change");
    for (int i = 0; i < changes.getLength(); i++) {
      Element c = (Element) changes.item(i);
      String action = text(c, "Action");
      Element rrs = child(c, "ResourceRecordSet");
      if (action == null || rrs == null) {
        throw new IllegalArgumentException(
            "Invalid XML ; a Change needs an Action and a ResourceRecordSet");
      }
      List<String> values = new ArrayList<>();
      Element records = child(rrs, "ResourceRecords");
      if (records != null) {
        NodeList vs = records.getElementsByTagNameNS(NAMESPACE, "Value");
        for (int j = 0; j < vs.getLength(); j++) {
          values.add(vs.item(j).getTextContent());
        }
      }
      String ttl = text(rrs, "TTL");
      String weight = text(rrs, "Weight");
      Element alias = child(rrs, "AliasTarget");
      RecordSet set =
          new RecordSet(
              absolute(unescape(Objects.requireNonNullElse(text(rrs, "Name"), ""))),
              Objects.requireNonNullElse(text(rrs, "Type"), ""),
              ttl == null ? -1 : Long.parseLong(ttl),
              values,
              text(rrs, "SetIdentifier"),
              weight == null ? null : Long.valueOf(weight),
              alias == null ? null : text(alias, "DNSName"));
      out.add(new ParsedChange(action, set));
    }
    return out;
  }

  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && name.equals(e.getLocalName())) {
        return e;
      }
    }
    return null;
  }

  private static String text(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? null : e.getTextContent();
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  /** Route53's listing order: names with their labels reversed, then type, then set identifier. */
  private static final Comparator<Key> ORDER =
      Comparator.comparing(Key::order)
          .thenComparing(Key::type)
          .thenComparing(k -> k.setIdentifier() == null ? "" : k.setIdentifier());

  private static String reversed(String name) {
    String[] labels = name.split("\\.");
    StringBuilder out = new StringBuilder();
    for (int i = labels.length - 1; i >= 0; i--) {
      out.append(labels[i]).append('.');
    }
    return out.toString();
  }

  private static void store(ZoneData zone, RecordSet set) {
    RecordSet s =
        new RecordSet(
            absolute(set.name()),
            set.type(),
            set.ttl(),
            set.values(),
            set.setIdentifier(),
            set.weight(),
            set.aliasTarget());
    zone.sets().put(Key.of(s.name(), s.type(), s.setIdentifier()), s);
  }

  private ZoneData zone(String id) {
    ZoneData z = zones.get(id);
    if (z == null) {
      throw new IllegalArgumentException("no zone " + id);
    }
    return z;
  }

  /** Lower-case with a trailing dot, as Route53 stores names. */
  static String absolute(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n : n + ".";
  }

  /**
   * Route53 shows characters other than a-z, 0-9, '-', '_' and '.' as octal escapes ({@code *} →
   * {@code \052}).
   */
  private static String escapeName(String name) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.') {
        out.append(c);
      } else {
        out.append('\\').append(String.format("%03o", (int) c));
      }
    }
    return out.toString();
  }

  private static String unescape(String name) {
    Matcher m = Pattern.compile("\\\\([0-7]{3})").matcher(name);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 8))));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(k, v);
    }
    return out;
  }

  private static int parseMax(String v, int dflt) {
    try {
      return v == null ? dflt : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return dflt;
    }
  }

  private static String action(Operation op) {
    return switch (op) {
      case LIST_HOSTED_ZONES -> "route53:ListHostedZones on resource: *";
      case LIST_RESOURCE_RECORD_SETS ->
          "route53:ListResourceRecordSets on resource: arn:aws:route53:::hostedzone/*";
      case CHANGE_RESOURCE_RECORD_SETS ->
          "route53:ChangeResourceRecordSets on resource: arn:aws:route53:::hostedzone/*";
      case GET_CHANGE -> "route53:GetChange on resource: arn:aws:route53:::change/*";
    };
  }

  private static Answer noSuchZone(String id) {
    return error(404, "Sender", "NoSuchHostedZone", "No hosted zone found with ID: " + id);
  }

  private static Answer error(int status, String type, String code, String message) {
    return new Answer(
        status,
        "<?xml version=\"1.0\"?>\n<ErrorResponse xmlns=\""
            + NAMESPACE
            + "\"><Error><Type>"
            + type
            + "</Type><Code>"
            + code
            + "</Code><Message>"
            + esc(message)
            + "</Message></Error><RequestId>req-"
            + System.nanoTime()
            + "</RequestId></ErrorResponse>");
  }

  private static String xml(String root, String inner) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<"
        + root
        + " xmlns=\""
        + NAMESPACE
        + "\">"
        + inner
        + "</"
        + root
        + ">";
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
