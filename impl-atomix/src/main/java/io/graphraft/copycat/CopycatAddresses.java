package io.graphraft.copycat;

import io.atomix.catalyst.transport.Address;

import java.net.InetSocketAddress;
import java.util.List;

/** Catalyst addresses for socket addresses. */
final class CopycatAddresses {
    private CopycatAddresses() {
    }

    static Address of(InetSocketAddress address) {
        return new Address(address.getHostString(), address.getPort());
    }

    static List<Address> of(List<InetSocketAddress> addresses) {
        return addresses.stream().map(CopycatAddresses::of).toList();
    }
}
