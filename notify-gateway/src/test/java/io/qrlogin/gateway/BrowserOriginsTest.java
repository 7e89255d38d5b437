package io.qrlogin.gateway;

import java.util.List;
import java.util.Map;

import io.qrlogin.core.client.ClientProperties;
import io.qrlogin.core.client.ClientRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BrowserOriginsTest {

    private final BrowserOrigins origins = BrowserOrigins.of(
            new GatewayProperties.Gateway(null, null, null, null, List.of("https://login.example.com"), 0, null,
                    null),
            ClientRegistry.of(Map.of("payroll", ClientProperties.site("Payroll",
                    List.of("https://payroll.example.com", "http://localhost:3000"), null, null))));

    @Test
    void allowedAreTheSettingsOriginsAndEveryClientsOrigins() {
        assertThat(this.origins.all()).containsExactly("http://localhost:3000", "https://login.example.com",
                "https://payroll.example.com");
    }

    @Test
    void isAllowedWhenListedThenTrueWhateverTheSpelling() {
        assertThat(this.origins.isAllowed("https://login.example.com")).isTrue();
        assertThat(this.origins.isAllowed("https://LOGIN.example.com:443")).isTrue();
        assertThat(this.origins.isAllowed("https://payroll.example.com")).isTrue();
        assertThat(this.origins.isAllowed("http://localhost:3000")).isTrue();
    }

    @Test
    void isAllowedWhenAnythingElseThenFalse() {
        for (String origin : List.of("http://login.example.com", "https://login.example.com:8443",
                "https://login.example.com.evil.example", "https://evil.example", "null", "", "https://login.example.com/x",
                "https://user@login.example.com", "not a uri at all", "http://localhost:8080")) {
            assertThat(this.origins.isAllowed(origin)).as(origin).isFalse();
        }
        assertThat(this.origins.isAllowed(null)).isFalse();
    }
}
