/**
 * The original's label templates: {@code _TEMPLATE_START_key_TEMPLATE_END_} replaced from {@code
 * [replacements]}, plain substitution, checked when compiled.
 */
package io.kuberoute.core.template;
