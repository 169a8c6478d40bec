package io.kuberoute.dns.webhook;

import io.kuberoute.core.model.DnsName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The names the provider serves, as it states them on negotiation, matched as external-dns's {@code
 * endpoint.DomainFilter} matches them:
 *
 * <ul>
 *   <li>lists: with no {@code include} every name is included, else a name is included when it
 *       equals an entry or lies below it ({@code example.com} covers {@code example.com} and {@code
 *       a.example.com}); an entry starting with a dot covers only names below it ({@code
 *       .example.com} covers {@code a.example.com}, not {@code example.com}). An included name is
 *       dropped when {@code exclude} covers it the same way.
 *   <li>regular expressions: a name is dropped when {@code regexExclude} is found in it, else kept
 *       when {@code regexInclude} is found in it or is not set. (Java's regular expressions read
 *       the RE2 patterns providers use; a pattern Java cannot compile fails the negotiation.)
 * </ul>
 *
 * Entries are compared without a trailing dot and ignoring case. Immutable.
 */
final class ProviderDomainFilter {

  /** A provider that states no filter serves every name. */
  static final ProviderDomainFilter ALL =
      new ProviderDomainFilter(List.of(), List.of(), Optional.empty(), Optional.empty());

  private final List<String> include;
  private final List<String> exclude;
  private final Optional<Pattern> regexInclude;
  private final Optional<Pattern> regexExclude;

  private ProviderDomainFilter(
      List<String> include,
      List<String> exclude,
      Optional<Pattern> regexInclude,
      Optional<Pattern> regexExclude) {
    this.include = List.copyOf(include);
    this.exclude = List.copyOf(exclude);
    this.regexInclude = regexInclude;
    this.regexExclude = regexExclude;
  }

  /**
   * The filter of a negotiation answer.
   *
   * @throws IllegalArgumentException naming the problem: lists and expressions together
   *     (external-dns refuses that too), or an expression that does not compile
   */
  static ProviderDomainFilter of(EndpointJson.FilterText text) {
    boolean regex = !text.regexInclude().isEmpty() || !text.regexExclude().isEmpty();
    if (regex && (!text.include().isEmpty() || !text.exclude().isEmpty())) {
      throw new IllegalArgumentException("it has both domain lists and regular expressions");
    }
    if (regex) {
      return new ProviderDomainFilter(
          List.of(),
          List.of(),
          compile(text.regexInclude(), "regexInclude"),
          compile(text.regexExclude(), "regexExclude"));
    }
    return new ProviderDomainFilter(
        entries(text.include()), entries(text.exclude()), Optional.empty(), Optional.empty());
  }

  private static Optional<Pattern> compile(String pattern, String member) {
    if (pattern.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Pattern.compile(pattern));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "its %s '%s' is not a regular expression: %s"
              .formatted(member, pattern, e.getDescription()));
    }
  }

  private static List<String> entries(List<String> raw) {
    List<String> out = new ArrayList<>();
    for (String entry : raw) {
      String e = entry.strip().toLowerCase(Locale.ROOT);
      while (e.endsWith(".")) {
        e = e.substring(0, e.length() - 1);
      }
      if (!e.isEmpty()) {
        out.add(e);
      }
    }
    return out;
  }

  /** Whether the provider serves {@code name}. */
  boolean matches(DnsName name) {
    String n = name.value();
    if (regexInclude.isPresent() || regexExclude.isPresent()) {
      if (regexExclude.isPresent() && regexExclude.get().matcher(n).find()) {
        return false;
      }
      return regexInclude.map(p -> p.matcher(n).find()).orElse(true);
    }
    return (include.isEmpty() || covers(include, n)) && !covers(exclude, n);
  }

  private static boolean covers(List<String> entries, String name) {
    for (String e : entries) {
      if (e.startsWith(".") ? name.endsWith(e) : name.equals(e) || name.endsWith("." + e)) {
        return true;
      }
    }
    return false;
  }

  /** {@code include example.com; exclude a.example.com}, as messages show the filter. */
  String describe() {
    List<String> parts = new ArrayList<>();
    if (!include.isEmpty()) {
      parts.add("include " + String.join(", ", include));
    }
    if (!exclude.isEmpty()) {
      parts.add("exclude " + String.join(", ", exclude));
    }
    regexInclude.ifPresent(p -> parts.add("regexInclude '" + p.pattern() + "'"));
    regexExclude.ifPresent(p -> parts.add("regexExclude '" + p.pattern() + "'"));
    return parts.isEmpty() ? "every name" : String.join("; ", parts);
  }

  @Override
  public String toString() {
    return describe();
  }
}
