package io.kuberoute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.testkit.route53.Route53TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry as an operator meets it: {@code kuberoute --once}, the Service deleted, {@code
 * kuberoute --once} again — two separate runs of the program with nothing in between but the DNS
 * (the Route53 test server, which enforces Route53's rules).
 */
class OnceRestartE2E {

  @TempDir Path dir;

  private Route53TestServer route53;
  private String unrelatedZone;
  private String exampleZone;

  @BeforeEach
  void startRoute53() {
    route53 = Route53TestServer.start();
    unrelatedZone = route53.createZone("unrelated.test");
    exampleZone = route53.createZone("example.com");
  }

  @AfterEach
  void stopRoute53() {
    route53.close();
  }

  private static final String NODE =
      """
      apiVersion: v1
      kind: Node
      metadata: {name: node-1}
      status:
        addresses: [{type: ExternalIP, address: 198.51.100.1}]
        conditions: [{type: Ready, status: "True"}]
      """;

  private static String service(String name, String domain) {
    return """
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: %1$s
          namespace: default
          labels: {kuberoute_domain: "%2$s", kuberoute_name: "%1$s"}
        spec: {type: NodePort, selector: {app: %1$s}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: %1$s-0, namespace: default, labels: {app: %1$s}}
        spec: {nodeName: node-1}
        status:
          phase: Running
          conditions: [{type: Ready, status: "True"}]
        """
        .formatted(name, domain);
  }

  private Path config(String manifests, String extraKeys) throws IOException {
    Files.writeString(dir.resolve("cluster.yaml"), manifests);
    Path file = dir.resolve("kuberoute.ini");
    Files.writeString(
        file,
        """
        [kuberoute]
        kubeconfig_kind = manifests
        dns_backend = route53
        namespaces = default
        %s
        [manifests]
        path = cluster.yaml

        [route53]
        aws_access_key_id = AKIDEXAMPLE
        aws_secret_access_key = secret-for-the-test-server
        region = us-east-1
        endpoint = %s
        max_retries = 0
        """
            .formatted(extraKeys, route53.endpoint()));
    return file;
  }

  /** One run of the program: a fresh process's worth of state. */
  private CommandRunner once(Path config, int expectedExit) {
    TestAdapters adapters = new TestAdapters();
    adapters.realBackends = true;
    CommandRunner cli = new CommandRunner(adapters, dir);
    assertThat(cli.run("--config", config.toString(), "--once"))
        .as(cli.err())
        .isEqualTo(expectedExit);
    return cli;
  }

  @Test
  void theSecondOnceDeletesTheRecordsOfAServiceDeletedInBetweenEvenInADomainWithNoServiceLeft()
      throws IOException {
    CommandRunner first =
        once(
            config(NODE + service("solo", "unrelated.test") + service("shop", "example.com"), ""),
            0);
    assertThat(first.err()).contains("CREATE solo.unrelated.test A 60 198.51.100.1");
    assertThat(route53.userRecordSets(unrelatedZone))
        .extracting(Route53TestServer.RecordSet::name)
        .containsExactlyInAnyOrder("solo.unrelated.test.", "_kuberoute.solo.unrelated.test.");

    // kubectl delete service solo; then:
    CommandRunner second = once(config(NODE + service("shop", "example.com"), ""), 0);

    assertThat(second.err()).contains("DELETE solo.unrelated.test A 60 198.51.100.1");
    assertThat(route53.userRecordSets(unrelatedZone)).isEmpty();
    assertThat(route53.userRecordSets(exampleZone))
        .extracting(Route53TestServer.RecordSet::name)
        .containsExactlyInAnyOrder("shop.example.com.", "_kuberoute.shop.example.com.");

    CommandRunner third = once(config(NODE + service("shop", "example.com"), ""), 0);
    assertThat(third.err())
        .doesNotContain("CREATE")
        .doesNotContain("DELETE")
        .doesNotContain("UPDATE");
  }

  @Test
  void withDomainsARecordOutsideIsLeftAloneAndTheServiceOutsideIsReported() throws IOException {
    once(config(NODE + service("solo", "unrelated.test") + service("shop", "example.com"), ""), 0);

    CommandRunner limited =
        once(
            config(
                NODE + service("shop", "example.com") + service("stray", "unrelated.test"),
                "domains = example.com"),
            0);

    assertThat(limited.err())
        .contains(
            "WARN  SyncService - service default/stray: name stray.unrelated.test is outside the managed domains"
                + " (example.com); not published (DomainNotManaged)")
        .doesNotContain("DELETE")
        .doesNotContain("CREATE");
    assertThat(route53.userRecordSets(unrelatedZone))
        .extracting(Route53TestServer.RecordSet::name)
        .containsExactlyInAnyOrder("solo.unrelated.test.", "_kuberoute.solo.unrelated.test.");
  }

  @Test
  void aNewOwnerIdTakesOverThePreviousOnesRecordsInOneRun() throws IOException {
    once(config(NODE + service("shop", "example.com"), "owner_id = cluster-a"), 0);

    CommandRunner renamed =
        once(
            config(
                NODE + service("shop", "example.com"),
                "owner_id = cluster-b\nprevious_owner_ids = cluster-a"),
            0);

    assertThat(renamed.err()).contains("UPDATE shop.example.com A 60 198.51.100.1");
    assertThat(
            route53.get(exampleZone, "_kuberoute.shop.example.com.", "TXT").orElseThrow().values())
        .containsExactly("\"heritage=kuberoute,owner=cluster-b,resource=service/default/shop\"");
    CommandRunner again =
        once(config(NODE + service("shop", "example.com"), "owner_id = cluster-b"), 0);
    assertThat(again.err()).doesNotContain("UPDATE").doesNotContain("conflict");
  }
}
