/**
 * A small seeded property harness: 10,000 generated inputs per property, a failing input shrunk and
 * reported with its seed ({@code -Dkuberoute.fuzz.seed=N} replays it).
 */
package io.kuberoute.testkit.fuzz;
