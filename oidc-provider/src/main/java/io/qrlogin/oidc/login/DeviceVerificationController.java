package io.qrlogin.oidc.login;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The device grant's verification page ({@code verification_uri}). A device sign-in is confirmed where
 * every QR login is: in the signed-in phone app, which scans the QR code the device shows or takes the
 * user code the device shows. A browser has nothing to confirm with, so the page says just that.
 */
@Controller
class DeviceVerificationController {

    private final LoginPages pages = new LoginPages();

    @GetMapping(LoginPaths.DEVICE)
    ResponseEntity<String> page() {
        return this.pages.message(HttpStatus.OK, "Sign in on a device",
                "Open the QR Login app on your phone and scan the QR code your device shows, or choose "
                        + "“Enter a code” and type the code your device shows. Then confirm the sign-in on your phone.");
    }
}
