package io.qrlogin.core.ticket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LuaRulesTest {

    @Test
    void renderWritesEveryCommandStateAndRelation() {
        String lua = LuaRules.render();
        for (Command command : Command.values()) {
            assertThat(lua).contains("  " + command.name() + " = {");
        }
        assertThat(lua).contains("SCANNED = { NONE = 'R:qr_already_scanned', SAME = 'K:', OTHER = 'R:qr_already_scanned' }");
        assertThat(lua).contains("local TERMINAL = { REDEEMED = true, CANCELLED = true, EXPIRED = true }");
        assertThat(lua).contains("local VERIFIED = { REDEEM = true, DECLINE = true, VERIFY = true }");
    }
}
