package io.kuberoute.dns.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kuberoute.core.model.DnsName;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The provider's domain filter matches as external-dns's {@code endpoint.DomainFilter} does. */
class WebhookDomainFilterTest {

  private static ProviderDomainFilter lists(List<String> include, List<String> exclude) {
    return ProviderDomainFilter.of(new EndpointJson.FilterText(include, exclude, "", ""));
  }

  private static boolean matches(ProviderDomainFilter f, String name) {
    return f.matches(DnsName.of(name));
  }

  @Test
  void anEmptyFilterServesEveryName() {
    ProviderDomainFilter f = lists(List.of(), List.of());

    assertThat(matches(f, "anything.example.org")).isTrue();
    assertThat(f.describe()).isEqualTo("every name");
  }

  @Test
  void anEntryCoversItselfAndTheNamesBelowIt() {
    ProviderDomainFilter f = lists(List.of("Example.com."), List.of());

    assertThat(matches(f, "example.com")).isTrue();
    assertThat(matches(f, "shop.example.com")).isTrue();
    assertThat(matches(f, "_kuberoute.shop.example.com")).isTrue();
    assertThat(matches(f, "badexample.com")).isFalse();
    assertThat(matches(f, "example.org")).isFalse();
  }

  @Test
  void anEntryWithALeadingDotCoversOnlyTheNamesBelowIt() {
    ProviderDomainFilter f = lists(List.of(".example.com"), List.of());

    assertThat(matches(f, "shop.example.com")).isTrue();
    assertThat(matches(f, "example.com")).isFalse();
  }

  @Test
  void excludeWinsOverInclude() {
    ProviderDomainFilter f = lists(List.of("example.com"), List.of("internal.example.com"));

    assertThat(matches(f, "shop.example.com")).isTrue();
    assertThat(matches(f, "internal.example.com")).isFalse();
    assertThat(matches(f, "db.internal.example.com")).isFalse();
    assertThat(f.describe()).isEqualTo("include example.com; exclude internal.example.com");
  }

  @Test
  void regularExpressionsAreFoundAnywhereInTheNameExcludeFirst() {
    ProviderDomainFilter f =
        ProviderDomainFilter.of(
            new EndpointJson.FilterText(List.of(), List.of(), "\\.example\\.com$", "^_"));

    assertThat(matches(f, "shop.example.com")).isTrue();
    assertThat(matches(f, "example.com")).isFalse();
    assertThat(matches(f, "_kuberoute.shop.example.com")).isFalse();
    assertThat(f.describe()).isEqualTo("regexInclude '\\.example\\.com$'; regexExclude '^_'");
  }

  @Test
  void onlyAnExcludeExpressionKeepsEveryOtherName() {
    ProviderDomainFilter f =
        ProviderDomainFilter.of(new EndpointJson.FilterText(List.of(), List.of(), "", "internal"));

    assertThat(matches(f, "shop.example.com")).isTrue();
    assertThat(matches(f, "db.internal.example.com")).isFalse();
  }

  @Test
  void listsAndExpressionsTogetherAreRefused() {
    assertThatThrownBy(
            () ->
                ProviderDomainFilter.of(
                    new EndpointJson.FilterText(List.of("example.com"), List.of(), "x", "")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("it has both domain lists and regular expressions");
    assertThatThrownBy(
            () ->
                ProviderDomainFilter.of(new EndpointJson.FilterText(List.of(), List.of(), "(", "")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("its regexInclude '(' is not a regular expression: Unclosed group");
  }
}
