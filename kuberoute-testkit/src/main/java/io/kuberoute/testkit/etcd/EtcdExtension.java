package io.kuberoute.testkit.etcd;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One plain-http {@link EtcdServer} per test class, with an {@link EtcdKeys} client on it, stopped
 * after the class:
 *
 * <pre>
 * &#64;RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
 * </pre>
 */
public final class EtcdExtension implements BeforeAllCallback, AfterAllCallback {

  private EtcdServer server;
  private EtcdKeys keys;

  @Override
  public void beforeAll(ExtensionContext context) {
    server = EtcdServer.startPlain();
    keys = new EtcdKeys(server);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (keys != null) {
      keys.close();
    }
    if (server != null) {
      server.close();
    }
  }

  public EtcdServer server() {
    return server;
  }

  public EtcdKeys keys() {
    return keys;
  }
}
