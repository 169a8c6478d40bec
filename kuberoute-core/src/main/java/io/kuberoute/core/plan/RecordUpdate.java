package io.kuberoute.core.plan;

import io.kuberoute.core.model.RecordSet;
import java.util.Objects;

/**
 * Replace {@code before} by {@code after} (same name and type). {@code before} may equal {@code
 * after} when a record nobody owned is taken over: the write then only adds the ownership mark.
 */
public record RecordUpdate(RecordSet before, RecordSet after, String resource) {

  public RecordUpdate {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(resource, "resource");
    if (!before.key().equals(after.key())) {
      throw new IllegalArgumentException(
          "an update keeps name and type: " + before.key() + " -> " + after.key());
    }
  }
}
