package io.kuberoute.core.model;

/** Whether a node takes new pods, or is cordoned ({@code spec.unschedulable: true}). */
public enum Scheduling {
  SCHEDULABLE,
  CORDONED;

  /** {@link #CORDONED} when {@code unschedulable}, else {@link #SCHEDULABLE}. */
  public static Scheduling cordonedIf(boolean unschedulable) {
    return unschedulable ? CORDONED : SCHEDULABLE;
  }
}
