/**
 * Reading configuration sections: {@link io.kuberoute.core.config.ConfigSection} parses typed
 * values with errors naming {@code section.key}, and {@link io.kuberoute.core.config.Secret} keeps
 * secrets out of every log line and message. Public API, for backend plug-ins parsing their section
 * (see {@link io.kuberoute.core.spi}).
 */
package io.kuberoute.core.config;
