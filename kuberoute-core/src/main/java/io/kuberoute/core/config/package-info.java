/**
 * Reading configuration sections: {@link io.kuberoute.core.config.ConfigSection} parses typed
 * values with errors naming {@code section.key}, and {@link io.kuberoute.core.config.Secret} keeps
 * secrets out of every log line and message. Used by backend plug-ins to parse their section.
 */
package io.kuberoute.core.config;
