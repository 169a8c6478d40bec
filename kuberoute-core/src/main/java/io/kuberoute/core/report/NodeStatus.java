package io.kuberoute.core.report;

/** A node in the state report: its Ready condition and whether it is schedulable (not cordoned). */
public record NodeStatus(boolean ready, boolean schedulable) {}
