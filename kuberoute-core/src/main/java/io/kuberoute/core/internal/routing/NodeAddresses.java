package io.kuberoute.core.internal.routing;

import com.google.common.net.InetAddresses;
import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.routing.NodeAddressMode;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A node's published addresses under the address mode, canonical, split by family; non-IPs dropped.
 */
record NodeAddresses(List<String> v4, List<String> v6) {

  static NodeAddresses of(NodeInfo node, NodeAddressMode mode) {
    List<String> v4 = new ArrayList<>(1);
    List<String> v6 = new ArrayList<>(0);
    for (String address : mode.select(node.internalIps(), node.externalIps())) {
      if (!InetAddresses.isInetAddress(address)) {
        continue;
      }
      InetAddress ip = InetAddresses.forString(address);
      (ip instanceof Inet4Address ? v4 : v6).add(InetAddresses.toAddrString(ip));
    }
    return new NodeAddresses(v4, v6);
  }
}
