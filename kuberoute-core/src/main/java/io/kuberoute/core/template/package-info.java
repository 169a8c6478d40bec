/**
 * The original's label templates: {@code _TEMPLATE_START_key_TEMPLATE_END_} replaced from {@code
 * [replacements]}, plain substitution, checked when compiled. Public API: a {@link
 * io.kuberoute.core.template.Template} names the heartbeat record in {@link
 * io.kuberoute.core.app.HeartbeatSettings} and the state report's key.
 */
package io.kuberoute.core.template;
