package io.kuberoute.dns.route53;

/** A hosted zone that could not be listed, with the reason: a failure of that zone only. */
class ZoneUnreadable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ZoneUnreadable(String message) {
    super(message, null, false, false);
  }
}
