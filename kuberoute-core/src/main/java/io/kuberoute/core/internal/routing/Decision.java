package io.kuberoute.core.internal.routing;

/**
 * What a service's name publishes, from the failover decision table. Q = quota met, E = at least
 * one live address, F = failover label set.
 *
 * <pre>
 *  Q  E  F  | decision             | published
 * ----------+----------------------+-------------------------------------------
 *  y  y  -  | ADDRESSES            | the live node addresses (A/AAAA)
 *  y  n  y  | FAILOVER             | the failover (A/AAAA for an IP, else CNAME)
 *  n  -  y  | FAILOVER             | the failover
 *  n  y  n  | REMAINING_ADDRESSES  | the addresses that are left (A/AAAA)
 *  n  n  n  | NONE                 | nothing: kuberoute's own records are removed
 *  y  n  n  | NONE                 | nothing: kuberoute's own records are removed
 * </pre>
 */
public enum Decision {
  ADDRESSES,
  FAILOVER,
  REMAINING_ADDRESSES,
  NONE;

  /** Applies the table. */
  public static Decision decide(boolean quotaMet, boolean hasAddresses, boolean hasFailover) {
    if (quotaMet && hasAddresses) {
      return ADDRESSES;
    }
    if (hasFailover) {
      return FAILOVER;
    }
    if (!quotaMet && hasAddresses) {
      return REMAINING_ADDRESSES;
    }
    return NONE;
  }
}
