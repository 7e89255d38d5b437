package io.qrlogin.support.apidocs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.qrlogin.core.problem.ProblemCode;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;
import reactor.core.scheduler.Schedulers;

import org.springframework.web.server.WebFilter;

/**
 * What every service's OpenAPI document shares: its version and server, the RFC 9457 {@code Problem}
 * schema, each operation's description and examples ({@link OperationDocs}), its problem responses with one example per {@code code} (built from
 * {@link ProblemCode}, so titles and statuses cannot drift), the bearer scheme, and building the
 * document off the event loop ({@link ApiDocsAutoConfiguration}).
 */
public final class ProblemDocs {

    /** The schema name of the problem body. */
    public static final String PROBLEM = "Problem";

    private ProblemDocs() {
    }

    /**
     * A service's document: its title and description, version 1, served on the public edge. The
     * server is relative because the gateway serves the same paths on the public origin.
     */
    public static OpenAPI api(String title, String description) {
        return new OpenAPI().info(new Info().title(title).version("1").description(description))
            .servers(List.of(new Server().url("/").description("the public edge (notify-gateway)")));
    }

    /**
     * What a service's document says of its operations, in one customizer: to each operation named in
     * {@code docs} by its operation id, its description and examples ({@link OperationDocs#apply}); then the
     * problem schema, the bearer scheme (if any) and each operation's problems ({@link #problemResponses}).
     */
    public static OpenApiCustomizer operations(Map<String, OperationDocs> docs, Map<String, List<ProblemCode>> problems,
            @Nullable String bearerName, @Nullable String bearerDescription) {
        OpenApiCustomizer described = OperationDocs.apply(docs);
        OpenApiCustomizer withProblems = problemResponses(problems, bearerName, bearerDescription);
        return (api) -> {
            described.customise(api);
            withProblems.customise(api);
        };
    }

    /**
     * Adds the problem schema, the bearer scheme (if any) and, to each operation named in
     * {@code problems} by its operation id, the problems it may answer with. Added in a customizer,
     * not to the OpenAPI bean: springdoc drops schemas nothing referenced before customizers ran.
     */
    private static OpenApiCustomizer problemResponses(Map<String, List<ProblemCode>> problems,
            @Nullable String bearerName, @Nullable String bearerDescription) {
        return (api) -> {
            if (api.getComponents() == null) {
                api.setComponents(new Components());
            }
            api.getComponents().addSchemas(PROBLEM, problemSchema());
            if (bearerName != null) {
                api.getComponents().addSecuritySchemes(bearerName, bearerJwt(bearerDescription));
            }
            api.getPaths().values().forEach((path) -> path.readOperations().forEach((operation) -> {
                List<ProblemCode> codes = problems.get(operation.getOperationId());
                if (codes != null) {
                    addProblems(operation, codes);
                }
            }));
        };
    }

    /** A security scheme of a bearer JWT, as each service's tokens are. */
    public static SecurityScheme bearerJwt(@Nullable String description) {
        return new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
            .description(description);
    }

    /**
     * springdoc builds the document on the first request, synchronously: it scans the class path
     * and reads class files. That must not happen on an event-loop thread.
     */
    public static WebFilter offTheEventLoop(String apiDocsPath) {
        return (exchange, chain) -> exchange.getRequest().getPath().value().startsWith(apiDocsPath)
                ? chain.filter(exchange).subscribeOn(Schedulers.boundedElastic()) : chain.filter(exchange);
    }

    private static void addProblems(Operation operation, List<ProblemCode> codes) {
        Map<Integer, List<ProblemCode>> byStatus = new TreeMap<>();
        codes.forEach((code) -> byStatus.computeIfAbsent(code.status(), (status) -> new ArrayList<>()).add(code));
        byStatus.forEach((status, sameStatus) -> {
            MediaType problem = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM));
            sameStatus.forEach((code) -> problem.addExamples(code.code(), new Example().summary(code.title())
                .value(example(code))));
            String description = "`" + String.join("`, `", sameStatus.stream().map(ProblemCode::code).toList()) + "`";
            operation.getResponses().addApiResponse(String.valueOf(status), new ApiResponse().description(description)
                .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE, problem)));
        });
    }

    private static Map<String, Object> example(ProblemCode code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", code.title());
        body.put("status", code.status());
        body.put("detail", code.title() + ".");
        body.put("code", code.code());
        return body;
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema().description("An RFC 9457 problem. Clients switch on `code`, never on `title` or `detail`.")
            .addProperty("type", new StringSchema().example("about:blank"))
            .addProperty("title", new StringSchema().description("a short summary, the same for every occurrence of the code"))
            .addProperty("status", new IntegerSchema().description("the HTTP status"))
            .addProperty("detail", new StringSchema().description("what went wrong this time, for people"))
            .addProperty("code", new StringSchema().description("the stable problem code")
                ._enum(Arrays.stream(ProblemCode.values()).map(ProblemCode::code).toList()))
            .required(List.of("type", "title", "status", "code"));
    }
}
