package io.qrlogin.demorp;

import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The one page: a sign-in button, or the signed-in user's ID token claims and a sign-out button. */
@Controller
class HomeController {

    @GetMapping("/")
    String home(@AuthenticationPrincipal @Nullable OidcUser user, Model model) {
        if (user != null) {
            model.addAttribute("name", (user.getFullName() != null) ? user.getFullName() : user.getSubject());
            model.addAttribute("claims", new TreeMap<>(user.getIdToken().getClaims()));
        }
        return "home";
    }
}
