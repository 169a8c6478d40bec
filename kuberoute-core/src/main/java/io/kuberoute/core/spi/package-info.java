/**
 * The service-provider interface for DNS backends: a backend module implements {@link
 * io.kuberoute.core.spi.DnsBackendProvider}, registers it for {@link java.util.ServiceLoader}, and
 * the program finds it by its {@code dns_backend} name. Public API, for backend plug-ins; see
 * CONTRIBUTING.md for the steps.
 */
package io.kuberoute.core.spi;
