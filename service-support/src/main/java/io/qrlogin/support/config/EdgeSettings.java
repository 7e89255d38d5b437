package io.qrlogin.support.config;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the services trust the edge (the notify-gateway, the only public entry point).
 *
 * @param clientIpHeader the header in which the edge passes the client's IP; the edge strips any such header
 * coming from outside, so services trust it
 */
public record EdgeSettings(@DefaultValue("X-QrLogin-Client-Ip") @NotBlank String clientIpHeader) {
}
