/**
 * The planner: compares what a backend holds with what the routes want, name by name, under the
 * ownership rules, the policy and the deletion guard, and returns a {@link
 * io.kuberoute.core.plan.ChangeSet}. Pure and thread-safe. Public API.
 */
package io.kuberoute.core.plan;
