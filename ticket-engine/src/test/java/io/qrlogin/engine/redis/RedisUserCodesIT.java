package io.qrlogin.engine.redis;

import java.time.Duration;

import io.qrlogin.engine.testing.RedisTickets;
import io.qrlogin.testing.TestTickets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/** User codes against a real Redis: linked, found however typed, never relinked, gone with their lifetime. */
class RedisUserCodesIT {

    private final RedisUserCodes userCodes = new RedisUserCodes(RedisTickets.redis());

    @Test
    void findWhenTypedInAnotherFormThenTheLinkedTicket() {
        String code = uniqueCode();
        String qrId = TestTickets.qrId();
        assertThat(this.userCodes.link(code, qrId, Duration.ofMinutes(1)).block()).isTrue();
        assertThat(this.userCodes.find(code).block()).isEqualTo(qrId);
        assertThat(this.userCodes.find(code.toLowerCase().replace("-", " ")).block()).isEqualTo(qrId);
        assertThat(RedisTickets.redis().opsForValue().get(TicketKeys.userCode(code)).block()).isEqualTo(qrId);
    }

    @Test
    void linkWhenTheCodeIsLinkedAlreadyThenTheFirstTicketStays() {
        String code = uniqueCode();
        String first = TestTickets.qrId();
        this.userCodes.link(code, first, Duration.ofMinutes(1)).block();
        assertThat(this.userCodes.link(code, TestTickets.qrId(), Duration.ofMinutes(1)).block()).isFalse();
        assertThat(this.userCodes.find(code).block()).isEqualTo(first);
    }

    @Test
    void findWhenTheLifetimeRanOutThenNothing() {
        String code = uniqueCode();
        this.userCodes.link(code, TestTickets.qrId(), Duration.ofMillis(200)).block();
        await().atMost(Duration.ofSeconds(5)).until(() -> this.userCodes.find(code).block() == null);
    }

    @Test
    void findWhenNoUserCodeOrUnknownThenNothing() {
        assertThat(this.userCodes.find("not a code").block()).isNull();
        assertThat(this.userCodes.find(uniqueCode()).block()).isNull();
    }

    @Test
    void linkWhenNotAUserCodeOrTicketIdThenRefused() {
        assertThatIllegalArgumentException().isThrownBy(
                () -> this.userCodes.link("ABC", TestTickets.qrId(), Duration.ofMinutes(1)).block());
        assertThatIllegalArgumentException().isThrownBy(
                () -> this.userCodes.link(uniqueCode(), "not-an-id", Duration.ofMinutes(1)).block());
    }

    /** A code no other test uses: its letters from a fresh ticket id. */
    private static String uniqueCode() {
        String letters = TestTickets.qrId().toUpperCase().replaceAll("[^A-Z0-9]", "");
        return letters.substring(0, 4) + "-" + letters.substring(4, 8);
    }
}
