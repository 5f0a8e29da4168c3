package io.chordia.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.net.Address;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EndpointDirectoryTest {
    private final SimNetwork network = new SimNetwork(new VirtualScheduler(), new SplittableRandom(1),
            LinkConditions.ideal(java.time.Duration.ofMillis(1)));

    @Test
    void findsEachEndpointByAnEqualAddressNotTheSameInstance() {
        List<Address> addresses = List.of(new Address("10.0.0.1", 4000), new Address("10.0.0.1", 4001),
                new Address("10.0.1.0", 4000), new Address("0.0.0.0", 1), new Address("255.255.255.255", 65535),
                new Address("node-7.example", 4000), new Address("::1", 4000), new Address("010.0.0.1", 4000));
        EndpointDirectory directory = new EndpointDirectory();
        for (Address a : addresses) {
            assertThat(directory.get(a)).isNull();
            directory.put(a, network.attach(a));
        }
        assertThat(directory.size()).isEqualTo(addresses.size());
        for (Address a : addresses) {
            Address copy = new Address(a.host(), a.port());
            assertThat(directory.get(copy).address()).isEqualTo(a);
        }
        assertThat(directory.get(new Address("10.0.0.2", 4000))).isNull();
        assertThat(directory.get(new Address("node-7.example", 4001))).isNull();
    }
}
