package io.kuberoute.core.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.RecordType;
import org.junit.jupiter.api.Test;

class FailoverTest {

  private static final DnsName SHOP = DnsName.of("shop.example.com");

  @Test
  void ipv4IsA_ipv6IsAaaa_elseCname() {
    assertThat(Failover.parse("10.9.9.9").recordAt(SHOP, 60).type()).isEqualTo(RecordType.A);
    assertThat(Failover.parse("2001:db8::9").recordAt(SHOP, 60).type()).isEqualTo(RecordType.AAAA);
    assertThat(Failover.parse("Backup.Example.org.").recordAt(SHOP, 60).targets())
        .containsExactly("backup.example.org");
    assertThat(Failover.parse("backup.example.org").recordAt(SHOP, 60).type())
        .isEqualTo(RecordType.CNAME);
  }

  @Test
  void somethingElseIsRejected() {
    assertThatThrownBy(() -> Failover.parse("not a host"))
        .hasMessage(
            "failover 'not a host' is neither an IP address nor a valid DNS name: invalid DNS name 'not a host': "
                + "character ' ' is not allowed (letters, digits, '-' and '_' only)");
  }
}
