package io.kuberoute.dns.route53;

/** A name the backend will not write, with the reason; the other names of the change set go on. */
final class NameRefused extends RuntimeException {
  private static final long serialVersionUID = 1L;

  NameRefused(String message) {
    super(message, null, false, false);
  }
}
