package io.chordia.core.id;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.random.RandomStreams;
import java.net.InetAddress;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** BEP 42's test vectors: each id is valid for its address and its first 21 bits are the CRC's; others are not. */
class Bep42Test {
    @ParameterizedTest(name = "{0}, rand {1}")
    @CsvSource({"124.31.75.21, 1, 5fbfbff10c5d6a4ec8a88e4c6ab4c28b95eee401",
            "21.75.31.124, 86, 5a3ce9c14e7a08645677bbd1cfe7d8f956d53256",
            "65.23.51.170, 22, a5d43220bc8f112a3d426c84764f8c2a1150e616",
            "84.124.73.14, 65, 1b0321dd1bb1fe518101ceef99462b947a01ff41",
            "43.213.53.83, 90, e56f6cbf5b7c4be0237986d5243b87aa6d51305a"})
    void theSpecsVectorsAreValidAndTheirPrefixIsTheCrc(String ip, int rand, String hex) throws Exception {
        byte[] address = InetAddress.getByName(ip).getAddress();
        NodeId id = NodeId.fromHex(hex);

        assertThat(Bep42.isValid(id, address)).isTrue();
        assertThat(id.toBytes()[19] & 0xff).isEqualTo(rand);
        int crc = Bep42.crc(address, rand & 7);
        assertThat(id.toHex().substring(0, 5)).isEqualTo(String.format(Locale.ROOT, "%08x", crc).substring(0, 5));
        byte[] other = address.clone();
        other[3] ^= 1;
        assertThat(Bep42.isValid(id, other)).as("the same id for the next address").isFalse();
        assertThat(Bep42.isValid(id.xor(NodeId.of(1L << 50, 0, 0)), address)).as("bit 13 flipped").isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"124.31.75.21", "2001:db8:85a3::8a2e:370:7334", "8.8.8.8"})
    void generatedIdsAreValidForTheirAddressOnly(String ip) throws Exception {
        byte[] address = InetAddress.getByName(ip).getAddress();
        RandomGenerator random = new RandomStreams(42).stream("bep42");
        for (int i = 0; i < 100; i++) {
            NodeId id = Bep42.idFor(address, random);
            assertThat(Bep42.isValid(id, address)).isTrue();
        }
        assertThat(Bep42.isValid(NodeId.ZERO.plusPowerOfTwo(159), address) && Bep42.isValid(NodeId.ZERO, address))
                .as("two fixed ids with different first bits cannot both be valid").isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"10.1.2.3", "127.0.0.1", "172.20.0.1", "192.168.1.1", "169.254.9.9"})
    void localNetworksAreExempt(String ip) throws Exception {
        byte[] address = InetAddress.getByName(ip).getAddress();
        assertThat(Bep42.isExempt(address)).isTrue();
        assertThat(Bep42.isValid(NodeId.sha1Of(ip), address)).isTrue();
    }
}
