package io.qrlogin.qr.mint;

import io.qrlogin.qr.QrProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

@Configuration(proxyBeanMethods = false)
class MintConfiguration {

    @Bean
    MintGuard mintGuard(ReactiveStringRedisTemplate redis, QrProperties properties) {
        return new MintGuard(redis, properties.mintGuard());
    }
}
