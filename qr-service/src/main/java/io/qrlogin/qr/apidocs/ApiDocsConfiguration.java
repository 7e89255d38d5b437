package io.qrlogin.qr.apidocs;

import java.util.List;
import java.util.Map;

import io.qrlogin.support.apidocs.ProblemDocs;
import io.qrlogin.core.problem.ProblemCode;
import io.swagger.v3.oas.models.OpenAPI;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of the browser's QR code API, served at {@code /v3/api-docs/qr} and
 * published through the gateway. The mint has its description and examples ({@link QrOperations}); every
 * operation lists the RFC 9457 problems it may answer with, one example per {@code code}, built from
 * {@link ProblemCode} so titles and statuses cannot drift.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    /** The problems each operation may answer with, besides {@code not_found} and {@code method_not_allowed} for any path. */
    private static final Map<String, List<ProblemCode>> PROBLEMS = Map.of(
            "mint", List.of(ProblemCode.INVALID_REQUEST, ProblemCode.UNKNOWN_CLIENT, ProblemCode.FORBIDDEN,
                    ProblemCode.PAYLOAD_TOO_LARGE, ProblemCode.UNSUPPORTED_MEDIA_TYPE,
                    ProblemCode.UNAVAILABLE));

    @Bean
    OpenAPI qrApi() {
        return ProblemDocs.api("QR Login: QR codes",
                "The browser mints a login QR code here; a phone that opened the code's URL with its "
                    + "camera gets a landing page. Errors are RFC 9457 problems with a stable `code`.");
    }

    @Bean
    OpenApiCustomizer qrOperations() {
        return ProblemDocs.operations(QrOperations.DOCS, PROBLEMS, null, null);
    }
}
