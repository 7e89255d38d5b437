package io.qrlogin.demorp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A relying party that signs its users in with QR Login through OpenID Connect: what an integrator copies. */
@SpringBootApplication
public class DemoRpApplication {

    public static void main(String[] args) {
        SpringApplication.run(DemoRpApplication.class, args);
    }
}
