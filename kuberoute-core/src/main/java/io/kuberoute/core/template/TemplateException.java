package io.kuberoute.core.template;

import io.kuberoute.core.KuberouteException;

/** A template is malformed or names a key that {@code [replacements]} does not define. */
public class TemplateException extends KuberouteException {
  private static final long serialVersionUID = 1L;

  public TemplateException(String message) {
    super(message);
  }
}
