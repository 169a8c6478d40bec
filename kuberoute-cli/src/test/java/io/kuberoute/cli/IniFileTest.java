package io.kuberoute.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kuberoute.core.ConfigurationException;
import io.kuberoute.core.config.ConfigSection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The INI file reads as Python's configparser (strict, basic interpolation) read it. */
class IniFileTest {

  private static final Path FILE = Path.of("/etc/kuberoute/config");

  @TempDir Path dir;

  private static IniFile parse(String text) {
    return IniFile.parse(FILE, text);
  }

  private static Map<String, String> values(IniFile ini, String section) {
    return ini.section(section).orElseThrow().asMap();
  }

  @Test
  void equalsAndColonBothSeparateKeyFromValue() {
    IniFile ini =
        parse(
            "[kuberoute]\nport: 8081\ndns_backend = fakedns\nurl: https://h:6443/x?a=b\nx = a: b\n");
    assertThat(values(ini, "kuberoute"))
        .containsExactly(
            Map.entry("port", "8081"),
            Map.entry("dns_backend", "fakedns"),
            Map.entry("url", "https://h:6443/x?a=b"),
            Map.entry("x", "a: b"));
  }

  @Test
  void wholeLineCommentsWithHashOrSemicolonAreSkippedEvenWhenIndented() {
    IniFile ini = parse("# top\n; top\n[k]\n# a\n   ; b\n\t# c\na = 1\n");
    assertThat(values(ini, "k")).containsExactly(Map.entry("a", "1"));
  }

  @Test
  void aCommentAfterAValueIsPartOfTheValue() {
    IniFile ini = parse("[k]\nport = 8081 # the port\nx = a ; b\ny = c#d\n");
    assertThat(values(ini, "k"))
        .containsExactly(
            Map.entry("port", "8081 # the port"), Map.entry("x", "a ; b"), Map.entry("y", "c#d"));
  }

  @Test
  void keyNamesAreLowerCasedAndSectionNamesKeepTheirCase() {
    IniFile ini = parse("[Kuberoute]\nDNS_Backend = FakeDNS\n");
    assertThat(ini.sectionNames()).containsExactly("Kuberoute");
    assertThat(values(ini, "Kuberoute")).containsExactly(Map.entry("dns_backend", "FakeDNS"));
    assertThat(ini.section("kuberoute")).isEmpty();
  }

  @Test
  void aMissingSectionNamesTheSameNameInAnotherCase() {
    IniFile ini = parse("[Kuberoute]\nport = 1\n");
    assertThatThrownBy(() -> ini.required("kuberoute"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "Config file /etc/kuberoute/config has no [kuberoute] section (section names are case-sensitive: found [Kuberoute])");
  }

  @Test
  void aMissingSectionIsNamed() {
    assertThatThrownBy(() -> parse("[fakedns]\n").required("kuberoute"))
        .hasMessage("Config file /etc/kuberoute/config has no [kuberoute] section");
  }

  @Test
  void aDuplicateSectionIsAnError() {
    assertThatThrownBy(() -> parse("[kuberoute]\nport = 1\n[fakedns]\n[kuberoute]\nttl = 5\n"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "Config file /etc/kuberoute/config: section [kuberoute] appears more than once (merge them into one)");
  }

  @Test
  void aDuplicateKeyIsAnErrorEvenInAnotherCase() {
    assertThatThrownBy(() -> parse("[kuberoute]\nport = 1\nPort = 2\n"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "Config file /etc/kuberoute/config: key kuberoute.port appears more than once (key names ignore case; keep one)");
  }

  @Test
  void theSameKeyInTwoSectionsIsFine() {
    IniFile ini = parse("[a]\nport = 1\n[b]\nport = 2\n");
    assertThat(values(ini, "a")).containsEntry("port", "1");
    assertThat(values(ini, "b")).containsEntry("port", "2");
  }

  @Test
  void doublePercentIsALiteralPercent() {
    IniFile ini = parse("[k]\nrate = 100%%\nboth = %%(x)s\n");
    assertThat(values(ini, "k"))
        .containsExactly(Map.entry("rate", "100%"), Map.entry("both", "%(x)s"));
  }

  @Test
  void percentNameReferencesAreExpandedFromTheSectionAndDefaultRecursively() {
    IniFile ini =
        parse(
            """
            [DEFAULT]
            domain = example.com
            [s3report]
            bucket = kr
            Key = %(BUCKET)s/%(domain)s.json
            nested = %(key)s!
            """);
    assertThat(values(ini, "s3report"))
        .containsEntry("key", "kr/example.com.json")
        .containsEntry("nested", "kr/example.com.json!");
  }

  @Test
  void defaultKeysAreInheritedByEverySectionAndOwnKeysWin() {
    IniFile ini = parse("[DEFAULT]\nport = 8081\nttl = 30\n[kuberoute]\nttl = 60\n[skydns]\n");
    assertThat(values(ini, "kuberoute")).containsEntry("port", "8081").containsEntry("ttl", "60");
    assertThat(values(ini, "skydns")).containsEntry("port", "8081").containsEntry("ttl", "30");
    assertThat(ini.sectionNames()).containsExactly("kuberoute", "skydns");
  }

  @Test
  void aLonePercentIsAnErrorThatNeverShowsTheValue() {
    IniFile ini = parse("[route53]\naws_secret_access_key = s3cr%t\n");
    assertThatThrownBy(() -> ini.section("route53"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for route53.aws_secret_access_key: a '%' must be followed by '%' or '(' (a literal % is written %%)")
        .message()
        .doesNotContain("s3cr");
  }

  @Test
  void anUnclosedReferenceIsAnError() {
    IniFile ini = parse("[k]\na = %(b\n");
    assertThatThrownBy(() -> ini.section("k"))
        .hasMessage(
            "invalid value for k.a: a '%(' must be written %(name)s (a literal % is written %%)");
  }

  @Test
  void aReferenceToAMissingKeyIsAnError() {
    IniFile ini = parse("[k]\na = %(nope)s\n");
    assertThatThrownBy(() -> ini.section("k"))
        .hasMessage(
            "invalid value for k.a: it refers to %(nope)s, but neither [k] nor [DEFAULT] has a key 'nope' (a literal % is written %%)");
  }

  @Test
  void referencesThatLoopAreAnError() {
    IniFile ini = parse("[k]\na = %(b)s\nb = %(a)s\n");
    assertThatThrownBy(() -> ini.section("k"))
        .hasMessage(
            "invalid value for k.a: its %(name)s references nest more than 10 deep (do two keys refer to each other?)");
  }

  @Test
  void aPercentMistakeInASectionNobodyReadsDoesNotMatter() {
    IniFile ini = parse("[kuberoute]\nport = 1\n[route53]\naws_secret_access_key = 50%\n");
    assertThat(values(ini, "kuberoute")).containsEntry("port", "1");
  }

  @Test
  void aKeyBeforeTheFirstSectionIsAnError() {
    assertThatThrownBy(() -> parse("port = 8081\n[kuberoute]\n"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "Config file /etc/kuberoute/config: line 1 comes before the first [section] header (the file must start with a header such as [kuberoute])");
  }

  @Test
  void aLineWithoutSeparatorOrAContinuationLineIsAnErrorThatNeverShowsTheLine() {
    String expected =
        "Config file /etc/kuberoute/config: line 3 is not a [section] header, a 'key = value' line or a comment"
            + " (a value must fit on one line; comments must be on a line of their own)";
    assertThatThrownBy(
            () -> parse("[route53]\naws_access_key_id = AKIA\naws_secret_access_key s3cret\n"))
        .hasMessage(expected)
        .message()
        .doesNotContain("s3cret");
    assertThatThrownBy(() -> parse("[kuberoute]\nnamespaces = a,\n   b\n")).hasMessage(expected);
  }

  @Test
  void backslashesAndDollarsAreOrdinaryCharacters() {
    IniFile ini = parse("[k]\npath = c:\\temp\\new\\\nvar = ${HOME}\n");
    assertThat(values(ini, "k"))
        .containsExactly(Map.entry("path", "c:\\temp\\new\\"), Map.entry("var", "${HOME}"));
  }

  @Test
  void anEmptyValueAndAnEmptySectionAreKept() {
    IniFile ini = parse("[fakedns]\n[heartbeat]\nname_template =\n");
    assertThat(values(ini, "fakedns")).isEmpty();
    assertThat(ini.section("heartbeat").orElseThrow().has("name_template")).isTrue();
  }

  @Test
  void aByteOrderMarkAndWindowsLineEndsAreAccepted() {
    IniFile ini = parse("\uFEFF[k]\r\na = 1\r\nb = 2\r\n");
    assertThat(values(ini, "k")).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
  }

  @Test
  void sectionsAreTheSameInstanceSoReadKeysAreRemembered() {
    IniFile ini =
        parse("[DEFAULT]\nshared = x\n[kuberoute]\nport = 1\ncolour = blue\n[skydns]\nhost = h\n");
    ConfigSection kr = ini.section("kuberoute").orElseThrow();
    kr.required("port");
    assertThat(ini.section("kuberoute").orElseThrow()).isSameAs(kr);
    assertThat(ini.unreadKeys()).containsExactly("kuberoute.colour");
  }

  @Test
  void aMissingFileKeepsTheOriginalMessage() {
    Path missing = dir.resolve("nope.ini");
    assertThatThrownBy(() -> IniFile.read(missing))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("Config file " + missing + " not found, exiting");
  }

  @Test
  void aDirectoryCannotBeRead() {
    assertThatThrownBy(() -> IniFile.read(dir))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("Config file " + dir + " cannot be read, exiting: it is a directory");
  }

  @Test
  void aFileThatIsNotUtf8CannotBeRead() throws IOException {
    Path file = dir.resolve("latin1.ini");
    Files.write(file, new byte[] {'[', 'k', ']', '\n', 'a', '=', (byte) 0xE9, '\n'});
    assertThatThrownBy(() -> IniFile.read(file))
        .hasMessage("Config file " + file + " cannot be read, exiting: it is not UTF-8 text");
  }

  @Test
  void aFileIsReadAndRelativePathsResolveAgainstItsDirectory() throws IOException {
    Path file = dir.resolve("kuberoute.ini");
    Files.writeString(file, "[kuberoute]\nport = 1\n");
    IniFile ini = IniFile.read(file);
    assertThat(ini.path()).isEqualTo(file);
    assertThat(ini.directory()).isEqualTo(dir);
    assertThat(List.copyOf(ini.sectionNames())).containsExactly("kuberoute");
  }

  @Test
  void aSymbolicLinkToARegularFileIsRead() throws IOException {
    Path file = Files.writeString(dir.resolve("real.ini"), "[kuberoute]\nport = 1\n");
    Path link = Files.createSymbolicLink(dir.resolve("link.ini"), file);
    assertThat(values(IniFile.read(link), "kuberoute")).containsExactly(Map.entry("port", "1"));
  }

  @Test
  void namesLongerThan200CharactersAreRefusedAndShownCut() {
    String name = "s".repeat(201);
    assertThatThrownBy(() -> parse("[" + name + "]\n"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "Config file /etc/kuberoute/config: a section name of 201 characters, ["
                + "s".repeat(40)
                + "…]; at most 200 are allowed");
    assertThatThrownBy(() -> parse("[k]\n" + "k".repeat(500_000) + " = 1\n"))
        .hasMessage(
            "Config file /etc/kuberoute/config: a key name of 500000 characters in [k], "
                + "k".repeat(40)
                + "…; at most 200 are allowed");
    assertThat(parse("[" + "s".repeat(200) + "]\n" + "k".repeat(200) + " = 1\n").sectionNames())
        .hasSize(1);
  }

  @Test
  void referencesThatWouldExpandToGigabytesAreAnErrorNotAnOutOfMemoryError() {
    // 1000 × 1000 × 1000 × 10 characters from a file of 15 kB
    IniFile ini =
        parse(
            "[k]\na = "
                + "%(b)s".repeat(1000)
                + "\nb = "
                + "%(c)s".repeat(1000)
                + "\nc = "
                + "%(d)s".repeat(1000)
                + "\nd = 0123456789\n");
    assertThatThrownBy(() -> ini.section("k"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for k.a: its %(name)s references expand to more than 1048576 characters (1 MiB)");
  }

  @Test
  void referencesThatStayBelowTheLimitAndLoopsAreLeftToTheInterpolation() {
    IniFile ok = parse("[k]\na = " + "%(b)s".repeat(100) + "\nb = " + "x".repeat(10_000) + "\n");
    assertThat(ok.section("k").orElseThrow().asMap().get("a")).hasSize(1_000_000);
    assertThatThrownBy(() -> parse("[k]\na = %(b)s\nb = %(a)s\n").section("k"))
        .hasMessageContaining("nest more than 10 deep");
  }

  @Test
  void unknownKeysAreListedAsErrorMessagesShowValues() {
    IniFile ini = parse("[k]\n" + "x".repeat(150) + " = 1\n");
    ini.section("k");
    assertThat(ini.unreadKeys()).containsExactly("k." + "x".repeat(78) + "…");
  }
}
