package io.kuberoute.dns.rfc2136;

import com.google.common.net.InetAddresses;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.testkit.dns.TestDnsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;
import org.xbill.DNS.ZoneTransferIn;

/**
 * What a person with the server's admin key does by hand, straight with dnsjava (not through the
 * backend): read a zone by AXFR, read its SOA serial, edit it with signed updates, empty it.
 */
final class ZoneAdmin {

  private final TestDnsServer server;

  ZoneAdmin(TestDnsServer server) {
    this.server = server;
  }

  /** Every record of {@code zone}, by a signed AXFR. */
  List<Record> transfer(String zone) {
    try {
      ZoneTransferIn xfr =
          ZoneTransferIn.newAXFR(
              name(zone),
              new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()),
              TsigSetup.signer(SyncFixtures.tsig(server.adminKey())));
      xfr.setTimeout(Duration.ofSeconds(5));
      xfr.run();
      return xfr.getAXFR();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (org.xbill.DNS.ZoneTransferException e) {
      throw new IllegalStateException("AXFR of " + zone + " failed: " + e.getMessage(), e);
    }
  }

  /** The zone's SOA serial. */
  long serial(String zone) {
    return transfer(zone).stream()
        .filter(r -> r instanceof SOARecord)
        .map(r -> ((SOARecord) r).getSerial())
        .findFirst()
        .orElseThrow();
  }

  /**
   * The zone's records as zone-file lines {@code name ttl TYPE data}, sorted, without the apex's
   * SOA and NS: exactly what kuberoute and the tests put there.
   */
  Set<String> lines(String zone) {
    Set<String> out = new TreeSet<>();
    Name apex = name(zone);
    for (Record r : transfer(zone)) {
      if (r.getName().equals(apex) && (r.getType() == Type.SOA || r.getType() == Type.NS)) {
        continue;
      }
      out.add(line(r));
    }
    return out;
  }

  /** {@code name ttl TYPE data}; IPv6 addresses in their short form. */
  static String line(Record r) {
    String data =
        r instanceof AAAARecord aaaa
            ? InetAddresses.toAddrString(aaaa.getAddress())
            : r.rdataToString();
    return r.getName() + " " + r.getTTL() + " " + Type.string(r.getType()) + " " + data;
  }

  /** Sends one signed update of {@code zone}; fails unless the server answers NOERROR. */
  void update(String zone, Consumer<Update> edit) {
    Update update = new Update(name(zone));
    edit.accept(update);
    Message answer = send(update);
    if (answer.getRcode() != Rcode.NOERROR) {
      throw new IllegalStateException(
          "update of " + zone + " failed: " + Rcode.string(answer.getRcode()));
    }
  }

  /**
   * Adds records given as zone-file lines ({@code shop.example.com. 60 A 10.0.0.1}), in one update.
   */
  void add(String zone, String... lines) {
    update(
        zone,
        u -> {
          for (String l : lines) {
            u.add(parse(l));
          }
        });
  }

  /**
   * Writes {@code record} with the mark of {@code ownership} (none when unowned), in one update.
   */
  void seed(String zone, RecordSet record, Ownership ownership) {
    update(
        zone,
        u -> {
          for (Record r : RecordConverter.toRecords(record)) {
            u.add(r);
          }
          ownership
              .owner()
              .ifPresent(
                  owner -> {
                    String text =
                        "heritage=kuberoute,owner="
                            + owner
                            + ownership.resource().map(r -> ",resource=" + r).orElse("");
                    u.add(
                        RecordConverter.txt(
                            record.name().prepend("_kuberoute"), 300, List.of(text)));
                  });
        });
  }

  /** Removes everything but the apex's SOA and NS from each zone. */
  void wipe(String... zones) {
    for (String zone : zones) {
      Name apex = name(zone);
      List<Record> records = transfer(zone);
      Set<Name> names = new TreeSet<>();
      Set<Integer> apexTypes = new TreeSet<>();
      for (Record r : records) {
        if (!r.getName().equals(apex)) {
          names.add(r.getName());
        } else if (r.getType() != Type.SOA && r.getType() != Type.NS) {
          apexTypes.add(r.getType());
        }
      }
      if (names.isEmpty() && apexTypes.isEmpty()) {
        continue;
      }
      update(
          zone,
          u -> {
            names.forEach(u::delete);
            apexTypes.forEach(t -> u.delete(apex, t));
          });
    }
  }

  Message send(Message m) {
    try {
      SimpleResolver r =
          new SimpleResolver(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
      r.setTCP(true);
      r.setTimeout(Duration.ofSeconds(5));
      r.setTSIGKey(TsigSetup.signer(SyncFixtures.tsig(server.adminKey())));
      return r.send(m);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Record parse(String line) {
    String[] p = line.strip().split("\\s+", 4);
    try {
      return Record.fromString(
          Name.fromString(p[0]),
          Type.value(p[2]),
          DClass.IN,
          Long.parseLong(p[1]),
          p[3],
          Name.root);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a record: " + line, e);
    }
  }

  static Name name(String zone) {
    try {
      return Name.fromString(zone.endsWith(".") ? zone : zone + ".");
    } catch (IOException e) {
      throw new IllegalArgumentException(zone, e);
    }
  }
}
