package io.kuberoute.core.spi;

import io.kuberoute.core.config.ConfigSection;

/**
 * A DNS backend as a plug-in: one implementation per backend module, registered in the module's
 * {@code META-INF/services/io.kuberoute.core.spi.DnsBackendProvider} and found with {@link
 * java.util.ServiceLoader}. The program names no backend class: {@code dns_backend = <name>}
 * selects the provider of that {@link #name()}, whose section {@code [<name>]} it parses.
 *
 * <p>Implementations have a public no-argument constructor and are stateless.
 */
public interface DnsBackendProvider {

  /**
   * The {@code dns_backend} value and the name of the configuration section, e.g. {@code route53}.
   */
  String name();

  /** An example for the "needs a [name] section" error, e.g. {@code e.g. 'server = 192.0.2.53'}. */
  String sectionExample();

  /**
   * Parses and checks the backend's section. Contacts nothing (at most checks that local files
   * exist); every key it does not read is warned about by the program.
   *
   * @throws io.kuberoute.core.ConfigurationException naming {@code section.key} for the first bad
   *     value
   */
  BackendSpec parse(ConfigSection section);
}
