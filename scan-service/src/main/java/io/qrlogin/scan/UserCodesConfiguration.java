package io.qrlogin.scan;

import io.qrlogin.engine.redis.RedisUserCodes;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** The device grant's user codes, which the OpenID Provider links to its devices' tickets, in Redis. */
@Configuration(proxyBeanMethods = false)
class UserCodesConfiguration {

    @Bean
    RedisUserCodes userCodes(ReactiveStringRedisTemplate redis) {
        return new RedisUserCodes(redis);
    }
}
