package io.qrlogin.session.apidocs;

import java.util.List;
import java.util.Map;

import io.qrlogin.support.apidocs.ProblemDocs;
import io.qrlogin.core.problem.ProblemCode;
import io.swagger.v3.oas.models.OpenAPI;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of the session API, served at {@code /v3/api-docs/session} and
 * published through the gateway. The browser's and the phone's operations have their descriptions and examples
 * ({@link SessionOperations}); every operation lists the RFC 9457 problems it may answer with, one example per
 * {@code code}, built from {@link ProblemCode} so titles and statuses cannot drift.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    /** The bearer token scheme: a session token this service issued. */
    static final String BEARER = "sessionToken";

    /** The app user's bearer token (the linked-sessions API), as scan-service takes it. */
    static final String APP_BEARER = "appToken";

    /** The problems each operation may answer with, besides {@code not_found} and {@code method_not_allowed} for any path. */
    private static final Map<String, List<ProblemCode>> PROBLEMS = Map.of(
            "redeem", List.of(ProblemCode.INVALID_REQUEST, ProblemCode.UNKNOWN_CLIENT, ProblemCode.INVALID_VERIFIER, ProblemCode.QR_NOT_FOUND, ProblemCode.QR_NOT_CONFIRMED, ProblemCode.QR_EXPIRED, ProblemCode.QR_CANCELLED, ProblemCode.QR_ALREADY_REDEEMED, ProblemCode.PAYLOAD_TOO_LARGE, ProblemCode.UNSUPPORTED_MEDIA_TYPE, ProblemCode.UNAVAILABLE),
            "decline", List.of(ProblemCode.INVALID_REQUEST, ProblemCode.INVALID_VERIFIER, ProblemCode.QR_NOT_FOUND,
                    ProblemCode.QR_EXPIRED, ProblemCode.QR_ALREADY_REDEEMED, ProblemCode.PAYLOAD_TOO_LARGE,
                    ProblemCode.UNSUPPORTED_MEDIA_TYPE, ProblemCode.UNAVAILABLE),
            "me", List.of(ProblemCode.UNAUTHORIZED, ProblemCode.UNAVAILABLE),
            "logout", List.of(ProblemCode.UNAUTHORIZED, ProblemCode.UNAVAILABLE),
            "listSessions", List.of(ProblemCode.UNAUTHORIZED, ProblemCode.UNAVAILABLE),
            "endSession", List.of(ProblemCode.UNAUTHORIZED, ProblemCode.SESSION_NOT_FOUND, ProblemCode.UNAVAILABLE),
            "endAllSessions", List.of(ProblemCode.UNAUTHORIZED, ProblemCode.UNAVAILABLE),
            "demoAppToken", List.of(ProblemCode.INVALID_REQUEST, ProblemCode.PAYLOAD_TOO_LARGE, ProblemCode.UNSUPPORTED_MEDIA_TYPE));

    @Bean
    OpenAPI sessionApi() {
        return ProblemDocs.api("QR Login: sessions",
                "The browser redeems its confirmed ticket with the PKCE verifier for an ES256 session "
                    + "token; app backends verify the token with the published keys. Errors are RFC 9457 problems "
                    + "with a stable `code`. The phone app lists and ends its user's sessions at /api/app/sessions.");
    }

    @Bean
    OpenApiCustomizer sessionOperations() {
        return ProblemDocs.operations(SessionOperations.DOCS, PROBLEMS, BEARER,
                "A session token from POST /api/session/redeem; refused after logout.");
    }

    @Bean
    OpenApiCustomizer appTokenScheme() {
        return (api) -> api.getComponents().addSecuritySchemes(APP_BEARER, ProblemDocs.bearerJwt(
                "The app user's JWT from the identity provider (as for /api/scan): the linked-sessions API "
                    + "lists and ends that user's sessions only."));
    }
}
