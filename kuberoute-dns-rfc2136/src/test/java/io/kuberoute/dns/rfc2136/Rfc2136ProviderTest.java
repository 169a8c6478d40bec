package io.kuberoute.dns.rfc2136;

import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.config.ConfigSection;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.spi.BackendContext;
import io.kuberoute.core.spi.BackendSpec;
import io.kuberoute.core.spi.DnsBackendProvider;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class Rfc2136ProviderTest {

  @Test
  void theServiceLoaderFindsTheProviderByItsName() {
    assertThat(ServiceLoader.load(DnsBackendProvider.class).stream().map(p -> p.get().name()))
        .contains("rfc2136");
    Rfc2136Provider provider = new Rfc2136Provider();
    assertThat(provider.name()).isEqualTo("rfc2136");
    assertThat(provider.sectionExample()).isEqualTo("e.g. 'server = 192.0.2.53'");
  }

  @Test
  void aParsedSectionBuildsABackendWithoutContactingTheServer() {
    ConfigSection section =
        new ConfigSection(
            "rfc2136",
            Map.of(
                "server", "127.0.0.1",
                "tsig_key_name", "kuberoute-key",
                "tsig_secret", Rfc2136SettingsTest.SECRET));

    BackendSpec spec = new Rfc2136Provider().parse(section);
    // building a backend sends nothing (nothing listens on 127.0.0.1:53 here either)
    try (DnsBackend backend =
        spec.create(
            new BackendContext("kuberoute", new PrintStream(OutputStream.nullOutputStream())))) {
      assertThat(backend).isInstanceOf(Rfc2136DnsBackend.class);
    }

    assertThat(section.unreadKeys()).isEmpty();
    assertThat(spec.describe())
        .isEqualTo(
            "server 127.0.0.1:53, zones found by SOA queries, TSIG key kuberoute-key (hmac-sha256), UPDATE over TCP,"
                + " timeout 10 s")
        .doesNotContain(Rfc2136SettingsTest.SECRET);
  }
}
