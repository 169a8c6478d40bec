package io.kuberoute.dns.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.core.plan.ChangeSet;
import io.kuberoute.core.plan.RecordUpdate;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.testkit.contract.AbstractDnsBackendContractTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrintingDnsBackendTest extends AbstractDnsBackendContractTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private PrintingDnsBackend printing;

  @Override
  protected DnsBackend newBackend(String ownerId) {
    bytes.reset();
    printing =
        new PrintingDnsBackend(ownerId, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return printing;
  }

  /** fakedns keeps what it wrote in the process: within one process, "restarting" keeps it. */
  @Override
  protected DnsBackend restart(DnsBackend old, String ownerId) {
    return old;
  }

  @Override
  protected void seed(RecordSet record, Ownership ownership) {
    printing.seed(record, ownership);
  }

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printsOneLinePerChangeInTheDocumentedForm() {
    RecordSet old = RecordSet.of("shop.example.com", RecordType.A, 60, "10.0.0.2", "10.0.0.1");
    RecordSet api = RecordSet.of("api.example.com", RecordType.A, 60, "10.0.0.3");
    printing.apply(creates(old, api));
    bytes.reset();
    RecordSet failover =
        RecordSet.of("shop.example.com", RecordType.CNAME, 60, "failover.example.com");
    RecordSet api2 = RecordSet.of("api.example.com", RecordType.A, 60, "10.0.0.3", "10.0.0.4");

    printing.apply(
        new ChangeSet(
            List.of(new DesiredRecord(failover, RESOURCE)),
            List.of(new RecordUpdate(api, api2, RESOURCE)),
            List.of(old)));

    assertThat(printed())
        .isEqualTo(
            """
            UPDATE api.example.com A 60 10.0.0.3,10.0.0.4
            DELETE shop.example.com A 60 10.0.0.1,10.0.0.2
            CREATE shop.example.com CNAME 60 failover.example.com
            """);
  }

  @Test
  void printsNothingForAnEmptyChangeSet() {
    printing.apply(ChangeSet.EMPTY);

    assertThat(printed()).isEmpty();
  }

  @Test
  void theFirstWritePrintsCreatesWithSortedTargets() {
    printing.apply(
        creates(
            RecordSet.of(
                "shop.example.com", RecordType.A, 60, "10.0.0.9", "10.0.0.10", "10.0.0.1")));

    assertThat(printed()).isEqualTo("CREATE shop.example.com A 60 10.0.0.1,10.0.0.10,10.0.0.9\n");
  }
}
