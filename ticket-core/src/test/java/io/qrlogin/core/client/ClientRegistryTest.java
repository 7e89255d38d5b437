package io.qrlogin.core.client;

import java.util.List;
import java.util.Map;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.problem.QrLoginException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientRegistryTest {

    @Test
    void defaultsKnowTheWebClientOnTheLocalGateway() {
        ClientRegistry registry = ClientRegistry.defaults();
        assertThat(registry.clients()).containsOnlyKeys("web");
        assertThat(registry.require("web"))
            .isEqualTo(new Client("web", "Web", List.of("http://localhost:8080"), "web", NumberMatching.ON_RISK));
        assertThat(registry.origins()).containsExactly("http://localhost:8080");
    }

    @Test
    void configuredClientsReplaceTheDefaults() {
        ClientRegistry registry = ClientRegistry.of(Map.of("payroll",
                ClientProperties.site("Payroll", List.of("https://Payroll.Example.com:443/"), "payroll-api", "always")));
        assertThat(registry.find("web")).isEmpty();
        Client payroll = registry.require("payroll");
        assertThat(payroll.name()).isEqualTo("Payroll");
        assertThat(payroll.origins()).containsExactly("https://payroll.example.com");
        assertThat(payroll.audience()).isEqualTo("payroll-api");
        assertThat(payroll.numberMatching()).isEqualTo(NumberMatching.ALWAYS);
    }

    @Test
    void audienceDefaultsToTheClientIdNumberMatchingToOnRiskAndIdentityIsConfirmedInTheBrowser() {
        Client client = ClientRegistry.of(Map.of("crm", ClientProperties.site("CRM", List.of("https://crm.example.com"),
                null, null))).require("crm");
        assertThat(client.audience()).isEqualTo("crm");
        assertThat(client.numberMatching()).isEqualTo(NumberMatching.ON_RISK);
        assertThat(client.confirmIdentityInBrowser()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({ "always, ALWAYS", "On-Risk, ON_RISK", "on_risk, ON_RISK", "never, NEVER", "true, ALWAYS",
            "false, NEVER" })
    void numberMatchingTakesTheThreeModesAndTheOldSwitch(String value, NumberMatching expected) {
        assertThat(ClientRegistry.of(Map.of("crm", ClientProperties.site("CRM", List.of("https://crm.example.com"),
                null, value))).require("crm").numberMatching()).isEqualTo(expected);
    }

    @Test
    void numberMatchingOfAnotherValueThenStartFailsNamingTheProperty() {
        assertThatIllegalArgumentException().isThrownBy(() -> ClientRegistry.of(Map.of("crm",
                ClientProperties.site("CRM", List.of("https://crm.example.com"), null, "sometimes"))))
            .withMessageContaining("qrlogin.clients.crm.number-matching").withMessageContaining("on-risk");
    }

    @Test
    void confirmIdentityInBrowserCanBeTurnedOff() {
        ClientProperties kiosk = new ClientProperties("Kiosk", List.of("https://kiosk.example.com"), null, null, null,
                null, null, null, null, null, null, null, false, null, null);
        assertThat(ClientRegistry.of(Map.of("kiosk", kiosk)).require("kiosk").confirmIdentityInBrowser()).isFalse();
    }

    @Test
    void twoClientsWithOneAudienceThenStartFailsNamingBoth() {
        assertThatIllegalArgumentException().isThrownBy(() -> ClientRegistry.of(Map.of(
                "payroll", ClientProperties.site("Payroll", List.of("https://payroll.example.com"), "hr-api", null),
                "leave", ClientProperties.site("Leave", List.of("https://leave.example.com"), "hr-api", null))))
            .withMessageContaining("qrlogin.clients.leave").withMessageContaining("qrlogin.clients.payroll")
            .withMessageContaining("'hr-api'");
    }

    @Test
    void aClientWhoseAudienceIsAnotherClientsIdThenStartFails() {
        assertThatIllegalArgumentException().isThrownBy(() -> ClientRegistry.of(Map.of(
                "payroll", ClientProperties.site("Payroll", List.of("https://payroll.example.com"), null, null),
                "copycat", ClientProperties.site("Copycat", List.of("https://copycat.example.com"), "payroll", null))))
            .withMessageContaining("share the session-token audience 'payroll'");
    }

    @Test
    void originsAreTheUnionOfEveryClientsOrigins() {
        ClientRegistry registry = ClientRegistry.of(Map.of(
                "a", ClientProperties.site("A", List.of("https://a.example.com", "https://shared.example.com"), null, null),
                "b", ClientProperties.site("B", List.of("https://b.example.com", "https://shared.example.com"), null, null)));
        assertThat(registry.origins()).containsExactlyInAnyOrder("https://a.example.com", "https://b.example.com",
                "https://shared.example.com");
    }

    @Test
    void requireUnknownClientThenUnknownClientProblem() {
        assertThatThrownBy(() -> ClientRegistry.defaults().require("payroll")).isInstanceOfSatisfying(
                QrLoginException.class, (ex) -> assertThat(ex.code()).isEqualTo(ProblemCode.UNKNOWN_CLIENT));
        assertThatThrownBy(() -> ClientRegistry.defaults().require(null)).isInstanceOf(QrLoginException.class);
    }

    @Test
    void clientWithoutNameThenStartFailsNamingTheProperty() {
        assertThatIllegalArgumentException().isThrownBy(() -> ClientRegistry.of(Map.of("crm",
                ClientProperties.site(" ", List.of("https://crm.example.com"), null, null))))
            .withMessageContaining("qrlogin.clients.crm.name");
    }

    @Test
    void clientWithoutOriginsThenStartFails() {
        assertThatIllegalArgumentException().isThrownBy(() -> ClientRegistry.of(Map.of("crm",
                ClientProperties.site("CRM", null, null, null))))
            .withMessageContaining("qrlogin.clients.crm.origins");
    }

    @Test
    void clientWithAnOriginThatIsNotOneThenStartFails() {
        assertThatIllegalArgumentException().isThrownBy(() -> ClientRegistry.of(Map.of("crm",
                ClientProperties.site("CRM", List.of("https://crm.example.com/login"), null, null))))
            .withMessageContaining("qrlogin.clients.crm.origins");
        assertThatIllegalArgumentException().isThrownBy(() -> ClientRegistry.of(Map.of("crm",
                ClientProperties.site("CRM", List.of("*"), null, null))));
    }

    @Test
    void clientIdOutOfShapeThenStartFails() {
        assertThatIllegalArgumentException().isThrownBy(() -> ClientRegistry.of(Map.of("a b",
                ClientProperties.site("A", List.of("https://a.example.com"), null, null))))
            .withMessageContaining("a b");
    }
}
