package io.qrlogin.gateway.route;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class AddressBlockTest {

    @ParameterizedTest(name = "{0} counts as {1}")
    @CsvSource({ "198.51.100.7, 198.51.100.7", "2001:db8:1:2::1, 2001:db8:1:2::/64",
            "2001:db8:1:2:ffff:ffff:ffff:ffff, 2001:db8:1:2::/64", "[2001:db8:1:2:a:b:c:d], 2001:db8:1:2::/64",
            "2001:db8:1:3::1, 2001:db8:1:3::/64", "::1, ::/64", "::ffff:198.51.100.7, 198.51.100.7",
            "null, null", "not-an-address, not-an-address" })
    void anIpv6AddressCountsAsItsSlash64AndAnIpv4AddressAsItself(String address, String block) {
        assertThat(AddressBlock.of(address)).isEqualTo(block);
    }
}
