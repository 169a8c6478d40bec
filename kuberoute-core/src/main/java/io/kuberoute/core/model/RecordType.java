package io.kuberoute.core.model;

/** The record types kuberoute reads and writes. */
public enum RecordType {
  /** IPv4 addresses. */
  A,
  /** IPv6 addresses. */
  AAAA,
  /** One canonical name; may not share its name with any other data. */
  CNAME,
  /** Text; kuberoute only writes it for ownership marks (Route53). */
  TXT
}
