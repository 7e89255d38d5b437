package io.qrlogin.scan;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The app side of QR login: scan, confirm and cancel, for users signed in with a bearer JWT. */
@SpringBootApplication
public class ScanServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ScanServiceApplication.class, args);
    }
}
