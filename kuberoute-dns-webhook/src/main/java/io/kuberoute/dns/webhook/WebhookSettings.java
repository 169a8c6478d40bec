package io.kuberoute.dns.webhook;

import io.kuberoute.core.config.ConfigSection;
import io.kuberoute.core.config.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code [webhook]} section.
 *
 * <ul>
 *   <li>{@code url} (required): where the provider listens, e.g. {@code http://localhost:8888} for
 *       a sidecar; {@code http} or {@code https}, with a host, an optional path prefix, no query or
 *       fragment. Userinfo ({@code http://user:password@host}) is sent as HTTP basic authentication
 *       and is never shown: not in errors, logs nor {@link #toString()}.
 *   <li>{@code timeout}: seconds one HTTP request may take from connecting to the last byte of the
 *       answer, 1..600, default 10.
 *   <li>{@code max_retries}: retries of a request the provider answers with a 5xx status (try again
 *       later), 0..10, default 3.
 * </ul>
 *
 * @param url the provider's base URL, without userinfo; its path is empty or a prefix without the
 *     trailing slash
 * @param userInfo the URL's userinfo, decoded ({@code user:password}), if any
 * @param timeout the deadline of one HTTP request
 * @param maxRetries how often a 5xx answer is retried
 */
public record WebhookSettings(
    URI url, Optional<Secret> userInfo, Duration timeout, int maxRetries) {

  public static final URI DEFAULT_URL = URI.create("http://localhost:8888");
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  public static final int MAX_TIMEOUT_SECONDS = 600;
  public static final int DEFAULT_MAX_RETRIES = 3;
  public static final int MAX_RETRIES_LIMIT = 10;

  private static final String URL_ALLOWED =
      "an http:// or https:// URL with a host and no query or fragment, such as http://localhost:8888";

  public WebhookSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(userInfo, "userInfo");
    Objects.requireNonNull(timeout, "timeout");
    String problem = problemOf(url);
    if (problem != null) {
      throw new IllegalArgumentException(
          "webhook URL " + withoutUserInfo(url.toString()) + ": " + problem);
    }
    if (url.getRawUserInfo() != null) {
      throw new IllegalArgumentException("the URL carries no userinfo: pass it as userInfo");
    }
    url = normalise(url);
    if (timeout.isNegative()
        || timeout.isZero()
        || timeout.compareTo(Duration.ofSeconds(MAX_TIMEOUT_SECONDS)) > 0) {
      throw new IllegalArgumentException(
          "timeout must be more than 0 and at most "
              + MAX_TIMEOUT_SECONDS
              + " seconds but was "
              + timeout);
    }
    if (maxRetries < 0 || maxRetries > MAX_RETRIES_LIMIT) {
      throw new IllegalArgumentException(
          "max retries must be 0.." + MAX_RETRIES_LIMIT + " but was " + maxRetries);
    }
  }

  /** A provider on {@code http://localhost:8888}, 10 s timeout, 3 retries. */
  public static WebhookSettings defaults() {
    return new WebhookSettings(DEFAULT_URL, Optional.empty(), DEFAULT_TIMEOUT, DEFAULT_MAX_RETRIES);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.url = url;
    b.userInfo = userInfo;
    b.timeout = timeout;
    b.maxRetries = maxRetries;
    return b;
  }

  /** Builds settings from the defaults; {@link #url(String)} splits off userinfo. */
  public static final class Builder {
    private URI url = DEFAULT_URL;
    private Optional<Secret> userInfo = Optional.empty();
    private Duration timeout = DEFAULT_TIMEOUT;
    private int maxRetries = DEFAULT_MAX_RETRIES;

    private Builder() {}

    /** The provider's URL; userinfo in it becomes {@link WebhookSettings#userInfo()}. */
    public Builder url(String text) {
      URI uri;
      try {
        uri = new URI(text);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("'" + withoutUserInfo(text) + "' is not a URL");
      }
      this.url = stripUserInfo(uri);
      this.userInfo = Optional.ofNullable(uri.getUserInfo()).map(Secret::of);
      return this;
    }

    public Builder timeout(Duration value) {
      this.timeout = Objects.requireNonNull(value, "timeout");
      return this;
    }

    public Builder maxRetries(int value) {
      this.maxRetries = value;
      return this;
    }

    public WebhookSettings build() {
      return new WebhookSettings(url, userInfo, timeout, maxRetries);
    }
  }

  /**
   * Parses {@code [webhook]}; every error names {@code webhook.<key>}, and an echoed URL never
   * shows its userinfo.
   */
  public static WebhookSettings fromConfig(ConfigSection section) {
    String raw = section.required("url");
    URI parsed;
    try {
      parsed = new URI(raw);
    } catch (URISyntaxException e) {
      throw section.invalid("url", withoutUserInfo(raw), URL_ALLOWED);
    }
    if (problemOf(parsed) != null) {
      throw section.invalid("url", withoutUserInfo(raw), URL_ALLOWED);
    }
    Duration timeout = section.seconds("timeout", DEFAULT_TIMEOUT, 1, MAX_TIMEOUT_SECONDS);
    int maxRetries = section.integer("max_retries", DEFAULT_MAX_RETRIES, 0, MAX_RETRIES_LIMIT);
    return new WebhookSettings(
        stripUserInfo(parsed),
        Optional.ofNullable(parsed.getUserInfo()).map(Secret::of),
        timeout,
        maxRetries);
  }

  /** What is wrong with {@code uri} as a provider URL, or null. */
  private static String problemOf(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return "the scheme must be http or https";
    }
    if (uri.getHost() == null) {
      return "it names no host";
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      return "it may have no query or fragment";
    }
    return null;
  }

  private static URI stripUserInfo(URI uri) {
    if (uri.getRawUserInfo() == null) {
      return uri;
    }
    try {
      return new URI(
          uri.getScheme(),
          null,
          uri.getHost(),
          uri.getPort(),
          uri.getPath(),
          uri.getQuery(),
          uri.getFragment());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + withoutUserInfo(uri.toString()) + "' is not a URL");
    }
  }

  /** Lower-case scheme and host, no trailing slash on the path. */
  private static URI normalise(URI uri) {
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    return URI.create(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + host + port + path);
  }

  /**
   * {@code text} without the userinfo of its authority ({@code http://user:pw@host/x} gives {@code
   * http://host/x}), for echoing a URL that may not even parse. Everything between {@code ://} and
   * the last {@code @} goes, so that a password holding {@code /} or {@code @} cannot leak.
   */
  static String withoutUserInfo(String text) {
    int start = text.indexOf("://");
    int authorityStart = start < 0 ? 0 : start + 3;
    int at = text.lastIndexOf('@');
    if (at < authorityStart) {
      return text;
    }
    return text.substring(0, authorityStart) + text.substring(at + 1);
  }

  /** The URL as logs and errors show it (never with userinfo). */
  public String displayUrl() {
    return url.toString();
  }

  @Override
  public String toString() {
    return "WebhookSettings[url="
        + displayUrl()
        + ", authentication="
        + (userInfo.isPresent() ? "basic" : "none")
        + ", timeout="
        + timeout.toMillis()
        + "ms"
        + ", maxRetries="
        + maxRetries
        + "]";
  }
}
