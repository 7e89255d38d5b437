package io.qrlogin.local;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.qrlogin.local.KeycloakServer.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Keycloak brokers to the system as an OpenID Connect identity provider: a browser signs in to a
 * Keycloak realm with a QR code the phone app confirms. Keycloak is its own server distribution run as a
 * process on a JDK 21 or later (skipped, saying why, where there is none); the build unpacks it. Its log
 * and screenshots of the steps land in {@code target/}.
 */
class KeycloakBrokeringIT {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** The realm's client the browser signs in to: a public client with PKCE, as a single-page app is. */
    private static final String APP = "app";

    /** Where Keycloak sends the browser back to the app; the browser never reaches it (the test answers). */
    private static final String APP_CALLBACK = "http://127.0.0.1:" + LocalSystem.freePort() + "/callback";

    /**
     * How long a step in the browser may take: Keycloak's first broker login (the provider's code exchanged
     * server to server, its ID token checked, a user created) is slow on a loaded machine.
     */
    private static final Duration STEP = Duration.ofMinutes(2);

    private static HeadlessChromium headless;

    private static KeycloakServer keycloak;

    /** Why the test cannot run here, if it cannot. */
    private static String skipped;

    @BeforeAll
    static void startKeycloak() throws Exception {
        Optional<Path> found = KeycloakServer.javaHome();
        if (found.isEmpty()) {
            // Skipped test by test, not here: a class skipped before its tests leaves no trace in the reports.
            skipped = KeycloakServer.noJavaHome();
            return;
        }
        Path javaHome = found.get();
        String distribution = System.getProperty("qrlogin.keycloak.home");
        assertThat(distribution).as("the system property qrlogin.keycloak.home: Maven's verify sets it and unpacks "
                + "Keycloak there before the integration tests").isNotBlank();
        assertThat(Path.of(distribution, "bin", "kc.sh")).as("Keycloak's distribution, unpacked by Maven's "
                + "pre-integration-test phase (maven-dependency-plugin:unpack@unpack-keycloak)").isRegularFile();
        headless = HeadlessChromium.launch();
        LocalSystem system = SharedSystem.get();
        keycloak = KeycloakServer.start(Path.of(distribution), javaHome, SharedSystem.keycloakPort(),
                Path.of("target", "keycloak-logs").toAbsolutePath());
        configureRealm(system.settings().publicUrl());
    }

    @BeforeEach
    void needsKeycloak() {
        if (skipped != null) {
            Assumptions.abort(skipped);
        }
    }

    @AfterAll
    static void stopKeycloak() {
        if (keycloak != null) {
            keycloak.close();
        }
        if (headless != null) {
            headless.close();
        }
    }

    @Test
    void signInToAKeycloakRealmThroughQrLoginThenKeycloakTokenNamesTheBrokeredUser() throws Exception {
        LoginClient phone = SharedSystem.client();
        String verifier = LoginClient.verifier();
        String state = LoginClient.verifier();
        String nonce = LoginClient.verifier();
        BrowserContext browser = headless.browser().newContext();
        try {
            browser.route(APP_CALLBACK + "**", (route) -> route.fulfill(new Route.FulfillOptions().setStatus(200)
                .setContentType("text/plain")
                .setBody("Signed in to the app")));
            Page page = browser.newPage();
            page.navigate(keycloak.realmUrl(SharedSystem.KEYCLOAK_REALM) + "/protocol/openid-connect/auth?"
                    + form(Map.of("client_id", APP, "redirect_uri", APP_CALLBACK, "response_type", "code",
                            "scope", "openid", "state", state, "nonce", nonce,
                            "code_challenge", LoginClient.challenge(verifier), "code_challenge_method", "S256",
                            // Straight to the QR Login provider, without Keycloak's own login form.
                            "kc_idp_hint", SharedSystem.KEYCLOAK_IDP)));

            page.waitForSelector("img[data-qr-url]", new Page.WaitForSelectorOptions().setTimeout(STEP.toMillis()));
            assertThat(page.url()).as("Keycloak sent the browser to the provider's login page")
                .startsWith(phone.baseUrl() + "/login");
            assertThat(page.locator("h1")).hasText("Sign in to Keycloak");
            screenshot(page, "1-provider-login-page");
            String qrUrl = page.locator("img[data-qr-url]").getAttribute("data-qr-url");
            String qrId = qrUrl.substring(qrUrl.lastIndexOf('/') + 1);

            String grace = phone.appToken("grace.hopper");
            assertThat(phone.scan(qrId, grace).status()).isEqualTo(200);
            assertThat(phone.confirm(qrId, grace).status()).isEqualTo(200);
            // The provider's page asks who confirmed before it signs in (an onlooker may have scanned first).
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue as Grace Hopper"))
                .click(new Locator.ClickOptions().setTimeout(STEP.toMillis()));

            // Provider → Keycloak's broker endpoint (code exchanged, ID token checked, user made) → the app.
            page.waitForURL(Pattern.compile(Pattern.quote(APP_CALLBACK) + "\\?.*"),
                    new Page.WaitForURLOptions().setTimeout(STEP.toMillis()));
            screenshot(page, "2-back-at-the-app");
            Map<String, String> callback = query(URI.create(page.url()));
            assertThat(callback).containsEntry("state", state)
                .containsEntry("iss", keycloak.realmUrl(SharedSystem.KEYCLOAK_REALM))
                .containsKey("code");

            Answer tokens = keycloak.postForm("/realms/" + SharedSystem.KEYCLOAK_REALM + "/protocol/openid-connect/token",
                    Map.of("grant_type", "authorization_code", "client_id", APP, "code", callback.get("code"),
                            "redirect_uri", APP_CALLBACK, "code_verifier", verifier));
            assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
            JWTClaimsSet idToken = verifiedByKeycloak((String) tokens.json().get("id_token"));
            assertThat(idToken.getIssuer()).isEqualTo(keycloak.realmUrl(SharedSystem.KEYCLOAK_REALM));
            assertThat(idToken.getAudience()).containsExactly(APP);
            assertThat(idToken.getStringClaim("nonce")).isEqualTo(nonce);
            assertThat(idToken.getStringClaim("preferred_username")).as("Keycloak's user is the provider's subject")
                .isEqualTo("grace.hopper");
            assertThat(idToken.getStringClaim("name")).as("the name the provider's ID token gave")
                .isEqualTo("Grace Hopper");

            // Keycloak's user is linked to the provider's subject: the broker, not a local account, signed her in.
            List<Map<String, Object>> links = keycloak.admin("GET", "/" + SharedSystem.KEYCLOAK_REALM + "/users/"
                    + idToken.getSubject() + "/federated-identity", null).jsonList();
            assertThat(links).singleElement()
                .satisfies((link) -> assertThat(link).containsEntry("identityProvider", SharedSystem.KEYCLOAK_IDP)
                    .containsEntry("userId", "grace.hopper")
                    .containsEntry("userName", "grace.hopper"));
        }
        finally {
            browser.close();
        }
    }

    /**
     * The realm {@code demo}: the system as its OpenID Connect identity provider (read from the provider's
     * discovery document, as an administrator would import it), a user profile that needs no more than the
     * provider tells (no e-mail), and the app.
     */
    private static void configureRealm(String issuer) throws Exception {
        String realm = "/" + SharedSystem.KEYCLOAK_REALM;
        expect(keycloak.admin("POST", "", Map.of("realm", SharedSystem.KEYCLOAK_REALM, "enabled", true)), 201);

        // Keycloak's first broker login asks for every required attribute the provider did not give.
        Map<String, Object> profile = expect(keycloak.admin("GET", realm + "/users/profile", null), 200).json();
        for (Object attribute : (List<?>) profile.get("attributes")) {
            Map<?, ?> fields = (Map<?, ?>) attribute;
            if (List.of("email", "firstName", "lastName").contains(fields.get("name"))) {
                fields.remove("required");
            }
        }
        expect(keycloak.admin("PUT", realm + "/users/profile", profile), 200);

        Map<String, String> config = new LinkedHashMap<>(expect(keycloak.admin("POST",
                realm + "/identity-provider/import-config",
                Map.of("providerId", "oidc", "fromUrl", issuer + "/.well-known/openid-configuration")), 200).stringMap());
        assertThat(config).as("what Keycloak read from the provider's discovery document")
            .containsEntry("issuer", issuer)
            .containsEntry("authorizationUrl", issuer + "/oauth2/authorize")
            .containsKeys("tokenUrl", "jwksUrl", "userInfoUrl");
        config.putAll(Map.of("clientId", SharedSystem.KEYCLOAK_CLIENT, "clientSecret", SharedSystem.KEYCLOAK_SECRET,
                "clientAuthMethod", "client_secret_basic", "defaultScope", "openid profile",
                "validateSignature", "true", "useJwksUrl", "true", "pkceEnabled", "true", "pkceMethod", "S256",
                "syncMode", "IMPORT"));
        expect(keycloak.admin("POST", realm + "/identity-provider/instances", Map.of("alias", SharedSystem.KEYCLOAK_IDP,
                "providerId", "oidc", "enabled", true, "config", config)), 201);

        expect(keycloak.admin("POST", realm + "/clients", Map.of("clientId", APP, "publicClient", true,
                "standardFlowEnabled", true, "redirectUris", List.of(APP_CALLBACK),
                "attributes", Map.of("pkce.code.challenge.method", "S256"))), 201);
    }

    private static Answer expect(Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        return answer;
    }

    /** The claims of an ID token whose signature one of the realm's keys verifies. */
    private static JWTClaimsSet verifiedByKeycloak(String idToken) throws Exception {
        SignedJWT jwt = SignedJWT.parse(idToken);
        JWKSet keys = JWKSet.load(URI.create(keycloak.realmUrl(SharedSystem.KEYCLOAK_REALM)
                + "/protocol/openid-connect/certs").toURL());
        RSAKey key = (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).as("the realm's key " + jwt.getHeader().getKeyID()).isNotNull();
        assertThat(jwt.verify(new RSASSAVerifier(key))).as("the ID token's signature").isTrue();
        return jwt.getJWTClaimsSet();
    }

    private static String form(Map<String, String> parameters) {
        return parameters.entrySet()
            .stream()
            .map((entry) -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&"))
            .map((pair) -> pair.split("=", 2))
            .collect(Collectors.toMap((pair) -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                    (pair) -> URLDecoder.decode((pair.length > 1) ? pair[1] : "", StandardCharsets.UTF_8)));
    }

    private static void screenshot(Page page, String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
            .setPath(SCREENSHOTS.resolve("keycloak-brokering-" + name + ".png")));
    }
}
