package io.kuberoute.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ApiCallInterceptorTest {

  private static String labels(String method, String url) {
    ApiCallInterceptor.Call c =
        ApiCallInterceptor.Call.of(method, URI.create("https://10.0.0.1:6443" + url));
    return c.verb() + " " + c.resource();
  }

  @Test
  void verbAndResourceComeFromTheMethodThePathAndTheWatchParameter() {
    assertThat(
            labels(
                "GET",
                "/api/v1/namespaces/default/services?labelSelector=kuberoute_domain&limit=500"))
        .isEqualTo("list services");
    assertThat(
            labels(
                "GET",
                "/api/v1/namespaces/default/services?labelSelector=kuberoute_domain&resourceVersion=7&watch=true"))
        .isEqualTo("watch services");
    assertThat(labels("GET", "/api/v1/watch/namespaces/default/pods")).isEqualTo("watch pods");
    assertThat(labels("GET", "/api/v1/pods?limit=500")).isEqualTo("list pods");
    assertThat(labels("GET", "/api/v1/nodes?allowWatchBookmarks=true&watch=true"))
        .isEqualTo("watch nodes");
    assertThat(labels("GET", "/api/v1/nodes/n1")).isEqualTo("get nodes");
    assertThat(labels("POST", "/api/v1/namespaces/default/events")).isEqualTo("create events");
    assertThat(labels("PATCH", "/api/v1/namespaces/default/events/shop.17"))
        .isEqualTo("patch events");
    assertThat(labels("POST", "/apis/events.k8s.io/v1/namespaces/default/events"))
        .isEqualTo("create events");
    assertThat(labels("GET", "/apis/coordination.k8s.io/v1/namespaces/kuberoute/leases/kuberoute"))
        .isEqualTo("get leases");
    assertThat(labels("PUT", "/apis/coordination.k8s.io/v1/namespaces/kuberoute/leases/kuberoute"))
        .isEqualTo("update leases");
    assertThat(labels("DELETE", "/api/v1/namespaces/default/pods/p")).isEqualTo("delete pods");
    assertThat(labels("GET", "/api/v1/namespaces/default")).isEqualTo("get other");
    assertThat(labels("GET", "/api/v1/namespaces/default/configmaps")).isEqualTo("list other");
    assertThat(labels("GET", "/version")).isEqualTo("get version");
    assertThat(labels("GET", "/version/x")).isEqualTo("get other");
    assertThat(labels("OPTIONS", "/api/v1/pods")).isEqualTo("other pods");
  }

  @Test
  void theOutcomeIsTheStatusClass() {
    assertThat(ApiCallInterceptor.outcome(200)).isEqualTo("2xx");
    assertThat(ApiCallInterceptor.outcome(101)).isEqualTo("2xx");
    assertThat(ApiCallInterceptor.outcome(201)).isEqualTo("2xx");
    assertThat(ApiCallInterceptor.outcome(410)).isEqualTo("4xx");
    assertThat(ApiCallInterceptor.outcome(403)).isEqualTo("4xx");
    assertThat(ApiCallInterceptor.outcome(503)).isEqualTo("5xx");
  }

  @Test
  void aWatchIsKnownByItsPathAndSelectorsNotItsResourceVersion() {
    assertThat(
            ApiCallInterceptor.watchKey(
                URI.create(
                    "http://h/api/v1/namespaces/a/services?labelSelector=x&resourceVersion=1&watch=true")))
        .isEqualTo(
            ApiCallInterceptor.watchKey(
                URI.create(
                    "http://h/api/v1/watch/namespaces/a/services?labelSelector=x&resourceVersion=9")))
        .isNotEqualTo(
            ApiCallInterceptor.watchKey(
                URI.create("http://h/api/v1/namespaces/b/services?labelSelector=x&watch=true")));
  }
}
