package io.qrlogin.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The public edge of QR login: routes to the services and pushes ticket changes to browsers over WebSocket. */
@SpringBootApplication
public class NotifyGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(NotifyGatewayApplication.class, args);
    }
}
