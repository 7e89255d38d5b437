package io.qrlogin.engine.redis;

import java.time.Duration;

import io.qrlogin.core.ticket.QrIds;
import io.qrlogin.core.ticket.UserCodes;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Which ticket a device grant's user code stands for: the OpenID Provider links the code when it mints
 * the device's ticket, for as long as the device code lives; scan-service finds the ticket when the app
 * types the code instead of scanning it. A code no longer linked is unknown, whatever it once was.
 */
public final class RedisUserCodes {

    private final ReactiveStringRedisTemplate redis;

    public RedisUserCodes(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    /**
     * Links {@code userCode} to the ticket {@code qrId} for {@code lifetime}; never replaces a live link,
     * so a code that ever collided would keep naming the first device's ticket.
     *
     * @return whether the code is now linked to {@code qrId}
     */
    public Mono<Boolean> link(String userCode, String qrId, Duration lifetime) {
        String code = UserCodes.normalize(userCode);
        if (code == null || !QrIds.isWellFormed(qrId)) {
            return Mono.error(new IllegalArgumentException("Not a user code and a ticket id"));
        }
        return this.redis.opsForValue().setIfAbsent(TicketKeys.userCode(code), qrId, lifetime);
    }

    /** The ticket {@code typed} stands for, once normalised; empty if it is no live user code. */
    public Mono<String> find(String typed) {
        String code = UserCodes.normalize(typed);
        if (code == null) {
            return Mono.empty();
        }
        return this.redis.opsForValue().get(TicketKeys.userCode(code));
    }
}
