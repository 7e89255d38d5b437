package io.qrlogin.oidc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The OpenID Provider: any OpenID Connect client signs its users in with a QR code. */
@SpringBootApplication
public class OidcProviderApplication {

    public static void main(String[] args) {
        SpringApplication.run(OidcProviderApplication.class, args);
    }
}
