package io.kuberoute.dns.rfc2136;

import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** Between the core's names and record sets and dnsjava's names and records (class IN). Pure. */
final class RecordConverter {

  private RecordConverter() {}

  /** The absolute dnsjava name of {@code name}. */
  static Name name(DnsName name) {
    try {
      return Name.fromString(name.absolute());
    } catch (TextParseException e) {
      throw new IllegalStateException("a DnsName is always a valid dnsjava name: " + name, e);
    }
  }

  /**
   * The core's name for {@code name}; empty for names it cannot hold (wildcards, escapes, the
   * root).
   */
  static Optional<DnsName> dnsName(Name name) {
    String text = name.toString();
    return DnsName.isValid(text) ? Optional.of(DnsName.of(text)) : Optional.empty();
  }

  /** The dnsjava type code of {@code type}. */
  static int type(RecordType type) {
    return switch (type) {
      case A -> Type.A;
      case AAAA -> Type.AAAA;
      case CNAME -> Type.CNAME;
      case TXT -> Type.TXT;
    };
  }

  /** The core's type for a dnsjava type code, if it is one the core knows. */
  static Optional<RecordType> recordType(int type) {
    return switch (type) {
      case Type.A -> Optional.of(RecordType.A);
      case Type.AAAA -> Optional.of(RecordType.AAAA);
      case Type.CNAME -> Optional.of(RecordType.CNAME);
      case Type.TXT -> Optional.of(RecordType.TXT);
      default -> Optional.empty();
    };
  }

  /**
   * The record set the records of one RRset form (the lowest TTL if they disagree); empty if the
   * core cannot represent them (say, a CNAME RRset of two records).
   */
  static Optional<RecordSet> toRecordSet(DnsName name, RecordType type, List<Record> rrset) {
    if (rrset.isEmpty()) {
      return Optional.empty();
    }
    List<String> targets = new ArrayList<>();
    long ttl = Long.MAX_VALUE;
    for (Record r : rrset) {
      ttl = Math.min(ttl, r.getTTL());
      if (r instanceof ARecord a) {
        targets.add(a.getAddress().getHostAddress());
      } else if (r instanceof AAAARecord aaaa) {
        targets.add(aaaa.getAddress().getHostAddress());
      } else if (r instanceof CNAMERecord c) {
        targets.add(c.getTarget().toString());
      } else if (r instanceof TXTRecord t) {
        targets.add(String.join("", t.getStrings()));
      } else {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(RecordSet.of(name, type, ttl, targets));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The records that publish {@code set}, with its TTL. */
  static List<Record> toRecords(RecordSet set) {
    Name owner = name(set.name());
    List<Record> out = new ArrayList<>();
    for (String target : set.targets()) {
      out.add(
          switch (set.type()) {
            case A -> new ARecord(owner, DClass.IN, set.ttl(), address(target, Address.IPv4));
            case AAAA -> new AAAARecord(owner, DClass.IN, set.ttl(), address(target, Address.IPv6));
            case CNAME -> new CNAMERecord(owner, DClass.IN, set.ttl(), name(DnsName.of(target)));
            case TXT -> new TXTRecord(owner, DClass.IN, set.ttl(), OwnershipMark.strings(target));
          });
    }
    return out;
  }

  /** One TXT record of {@code strings}. */
  static Record txt(DnsName name, long ttl, List<String> strings) {
    return new TXTRecord(name(name), DClass.IN, ttl, strings);
  }

  /**
   * A copy of {@code r} (A, AAAA, CNAME or TXT, data unchanged to the letter) with another TTL:
   * prerequisites carry TTL 0 (RFC 2136 §2.4.2).
   */
  static Record withTtl(Record r, long ttl) {
    if (r instanceof ARecord a) {
      return new ARecord(a.getName(), DClass.IN, ttl, a.getAddress());
    } else if (r instanceof AAAARecord aaaa) {
      return new AAAARecord(aaaa.getName(), DClass.IN, ttl, aaaa.getAddress());
    } else if (r instanceof CNAMERecord c) {
      return new CNAMERecord(c.getName(), DClass.IN, ttl, c.getTarget());
    } else if (r instanceof TXTRecord t) {
      return new TXTRecord(t.getName(), DClass.IN, ttl, t.getStrings());
    }
    throw new IllegalArgumentException("not an A, AAAA, CNAME or TXT record: " + r);
  }

  /** The text of each TXT record (its strings joined). */
  static List<String> texts(List<Record> txt) {
    List<String> out = new ArrayList<>();
    for (Record r : txt) {
      if (r instanceof TXTRecord t) {
        out.add(String.join("", t.getStrings()));
      }
    }
    return out;
  }

  private static InetAddress address(String literal, int family) {
    try {
      return Address.getByAddress(literal, family);
    } catch (UnknownHostException e) {
      // RecordSet only holds canonical address literals
      throw new IllegalArgumentException("'" + literal + "' is not an address literal", e);
    }
  }
}
