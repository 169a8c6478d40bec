package io.kuberoute.testkit.dns;

import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real DNS server per test class ({@link BindServer} or {@link KnotServer}), stopped after the
 * class:
 *
 * <pre>
 * &#64;RegisterExtension static final DnsServerExtension DNS = DnsServerExtension.bind();
 * </pre>
 *
 * When the server's binary is missing the class fails if {@code KUBEROUTE_CI=1} (CI must have
 * installed it); otherwise each of its tests is skipped with a message naming the package (an
 * assumption per test, so that the build's summary counts them as skipped).
 */
public final class DnsServerExtension
    implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

  private final String binary;
  private final String debianPackage;
  private final String product;
  private final Supplier<TestDnsServer> starter;
  private TestDnsServer server;
  private String missing;

  private DnsServerExtension(
      String binary, String debianPackage, String product, Supplier<TestDnsServer> starter) {
    this.binary = binary;
    this.debianPackage = debianPackage;
    this.product = product;
    this.starter = starter;
  }

  /** BIND 9 for the class. */
  public static DnsServerExtension bind() {
    return new DnsServerExtension(
        BindServer.BINARY, BindServer.PACKAGE, "BIND 9", BindServer::startNew);
  }

  /** Knot DNS for the class. */
  public static DnsServerExtension knot() {
    return new DnsServerExtension(
        KnotServer.BINARY, KnotServer.PACKAGE, "Knot DNS", KnotServer::startNew);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (TestDnsServer.findBinary(binary).isEmpty()) {
      String message =
          ("%s (%s) is not installed: the RFC 2136 tests run against real servers."
                  + " Install the Debian package %s (apt-get install %s; .ci/run does it)")
              .formatted(product, binary, debianPackage, debianPackage);
      if ("1".equals(System.getenv("KUBEROUTE_CI"))) {
        throw new IllegalStateException(
            message + " [KUBEROUTE_CI=1: a missing server fails the build]");
      }
      missing = message;
      return;
    }
    server = starter.get();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (missing != null) {
      Assumptions.abort(missing);
    }
  }

  /** Whether the server runs for this class (else every test is skipped). */
  public boolean available() {
    return server != null;
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null) {
      server.close();
    }
  }

  /** The running server (null when its binary is missing and the tests are skipped). */
  public TestDnsServer server() {
    return server;
  }
}
