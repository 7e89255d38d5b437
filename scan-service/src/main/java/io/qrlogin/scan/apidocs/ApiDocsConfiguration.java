package io.qrlogin.scan.apidocs;

import java.util.List;
import java.util.Map;

import io.qrlogin.support.apidocs.ProblemDocs;
import io.qrlogin.core.problem.ProblemCode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of the phone app's scan API, served at {@code /v3/api-docs/scan} and
 * published through the gateway. Every operation has its description and examples ({@link ScanOperations}) and
 * lists the RFC 9457 problems it may answer with, one example per {@code code}, built from {@link ProblemCode}
 * so titles and statuses cannot drift.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    /** The bearer token scheme: the app user's JWT. */
    static final String BEARER = "appToken";

    /** The problems each operation may answer with, besides {@code not_found} and {@code method_not_allowed} for any path. */
    private static final Map<String, List<ProblemCode>> PROBLEMS = Map.of(
            "scanUserCode", List.of(ProblemCode.INVALID_REQUEST, ProblemCode.UNAUTHORIZED, ProblemCode.QR_NOT_FOUND, ProblemCode.QR_ALREADY_SCANNED, ProblemCode.QR_ALREADY_CONFIRMED, ProblemCode.QR_EXPIRED, ProblemCode.QR_CANCELLED, ProblemCode.QR_ALREADY_REDEEMED, ProblemCode.PAYLOAD_TOO_LARGE, ProblemCode.UNSUPPORTED_MEDIA_TYPE, ProblemCode.UNAVAILABLE),
            "scan", List.of(ProblemCode.INVALID_REQUEST, ProblemCode.UNAUTHORIZED, ProblemCode.QR_NOT_FOUND, ProblemCode.QR_ALREADY_SCANNED, ProblemCode.QR_ALREADY_CONFIRMED, ProblemCode.QR_EXPIRED, ProblemCode.QR_CANCELLED, ProblemCode.QR_ALREADY_REDEEMED, ProblemCode.PAYLOAD_TOO_LARGE, ProblemCode.UNAVAILABLE),
            "confirm", List.of(ProblemCode.INVALID_REQUEST, ProblemCode.UNAUTHORIZED, ProblemCode.FORBIDDEN, ProblemCode.MATCH_CODE_MISMATCH, ProblemCode.QR_NOT_FOUND, ProblemCode.QR_NOT_SCANNED, ProblemCode.QR_EXPIRED, ProblemCode.QR_CANCELLED, ProblemCode.QR_ALREADY_REDEEMED, ProblemCode.PAYLOAD_TOO_LARGE, ProblemCode.UNSUPPORTED_MEDIA_TYPE, ProblemCode.UNAVAILABLE),
            "cancel", List.of(ProblemCode.INVALID_REQUEST, ProblemCode.UNAUTHORIZED, ProblemCode.FORBIDDEN, ProblemCode.QR_NOT_FOUND, ProblemCode.QR_ALREADY_CONFIRMED, ProblemCode.QR_EXPIRED, ProblemCode.QR_CANCELLED, ProblemCode.QR_ALREADY_REDEEMED, ProblemCode.PAYLOAD_TOO_LARGE, ProblemCode.UNAVAILABLE));

    @Bean
    OpenAPI scanApi() {
        return ProblemDocs.api("QR Login: the app's scan API",
                "The phone app, signed in with a bearer JWT of the company identity provider, scans a "
                    + "login QR code or types a device's user code (and learns who is asking), then confirms or cancels. "
                    + "Errors are RFC 9457 "
                    + "problems with a stable `code`.")
            .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    @Bean
    OpenApiCustomizer scanOperations() {
        return ProblemDocs.operations(ScanOperations.DOCS, PROBLEMS, BEARER,
                "A JWT of the identity provider the service trusts, with `sub` and `name` claims (in demo mode: POST /api/demo/app-token).");
    }
}
