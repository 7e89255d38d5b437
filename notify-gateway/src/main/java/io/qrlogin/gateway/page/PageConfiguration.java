package io.qrlogin.gateway.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.qrlogin.gateway.BrowserOrigins;
import io.qrlogin.gateway.GatewayProperties;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

/**
 * What the gateway serves itself besides {@code /ws/qr}: the browser widget {@code /qrlogin.js} (with its
 * versioned copy and integrity value) and
 * the API docs UI {@code /api-docs}, always, and in demo mode the demo pages. Every response carries
 * the page security headers.
 */
@Configuration(proxyBeanMethods = false)
class PageConfiguration {

    private static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript;charset=UTF-8");

    /** Where a page's build or its server learns the widget's current version and integrity value. */
    static final String WIDGET_DESCRIPTION = "/.well-known/qrlogin-widget.json";

    /** How long a versioned widget may be cached: its content never changes. */
    private static final Duration IMMUTABLE = Duration.ofDays(365);

    private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

    /**
     * Scripts and styles only from this origin, no inline code, never framed; the QR image is a
     * data: URI; the page talks to this origin over HTTP and WebSocket.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    /**
     * The API docs UI: Swagger UI, from this origin only, fetching the documents from this origin;
     * it sets style attributes from script, hence inline styles.
     */
    static final String API_DOCS_CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "style-src 'self' 'unsafe-inline'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private static final MediaType YAML = MediaType.parseMediaType("application/yaml;charset=UTF-8");

    /**
     * The AsyncAPI 3.0 documents, {@code /asyncapi/{name}.yaml}: the browser socket ({@code notify}) and the
     * Kafka topics ({@code kafka}).
     */
    static final List<String> ASYNC_API_DOCUMENTS = List.of("notify", "kafka");

    /** What the UI page loads of the Swagger UI webjar. */
    private static final List<String> SWAGGER_UI_FILES = List.of("swagger-ui.css", "swagger-ui-bundle.js",
            "swagger-ui-standalone-preset.js", "favicon-32x32.png");

    /**
     * The widget: {@code /qrlogin.js} (cached briefly: it changes with the deployment), the same bytes at
     * {@code /widget/{version}/qrlogin.js} (cached for a year, immutable), and
     * {@code /.well-known/qrlogin-widget.json}, which names the current version, its URL and its Subresource
     * Integrity value. All three answer CORS requests from the browser origins only, so a registered
     * client's page on another origin can {@code import} the module (module scripts are always fetched
     * with CORS).
     */
    @Bean
    RouterFunction<ServerResponse> widgetRoutes(BrowserOrigins origins, GatewayProperties properties) {
        WidgetScript widget = WidgetScript.load();
        byte[] script = widget.content();
        Map<String, String> description = new LinkedHashMap<>();
        description.put("version", widget.version());
        description.put("url", properties.publicBaseUrl().resolve(widget.versionedPath()).toString());
        description.put("integrity", widget.integrity());
        return RouterFunctions.route(GET("/qrlogin.js"), (request) -> ServerResponse.ok()
                .contentType(JAVASCRIPT)
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .bodyValue(script))
            .andRoute(GET("/widget/{version}/qrlogin.js"), (request) -> {
                if (!widget.version().equals(request.pathVariable("version"))) {
                    return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
                }
                return ServerResponse.ok()
                    .contentType(JAVASCRIPT)
                    .cacheControl(CacheControl.maxAge(IMMUTABLE).cachePublic().immutable())
                    .bodyValue(script);
            })
            .andRoute(GET(WIDGET_DESCRIPTION), (request) -> ServerResponse.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noCache())
                .bodyValue(description))
            .filter(new WidgetCorsFilter(origins))
            .filter(securityHeaders(CONTENT_SECURITY_POLICY));
    }

    /**
     * {@code /api-docs}: Swagger UI over the three services' documents, and the AsyncAPI documents. Its files are read into memory
     * at start (about 2 MB), so no request reads the jar on an event-loop thread.
     */
    @Bean
    RouterFunction<ServerResponse> apiDocsRoutes() {
        Map<String, byte[]> files = new HashMap<>();
        String webjar = "META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion() + "/";
        SWAGGER_UI_FILES.forEach((file) -> files.put(file, read(webjar + file)));
        Map<String, byte[]> asyncApi = new HashMap<>();
        ASYNC_API_DOCUMENTS.forEach((name) -> asyncApi.put(name, read("asyncapi/" + name + ".yaml")));
        byte[] page = read("apidocs/index.html");
        byte[] initializer = read("apidocs/initializer.js");
        CacheControl cache = CacheControl.maxAge(Duration.ofHours(1)).cachePublic();
        return RouterFunctions.route(GET("/api-docs"), (request) -> ServerResponse.ok()
                .contentType(HTML)
                .cacheControl(CacheControl.noCache())
                .bodyValue(page))
            .andRoute(GET("/api-docs/initializer.js"), (request) -> ServerResponse.ok()
                .contentType(JAVASCRIPT)
                .cacheControl(CacheControl.noCache())
                .bodyValue(initializer))
            .andRoute(GET("/api-docs/swagger-ui/{file}"), (request) -> {
                String file = request.pathVariable("file");
                byte[] content = files.get(file);
                if (content == null) {
                    return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
                }
                return ServerResponse.ok()
                    .contentType(MediaTypeFactory.getMediaType(file).orElse(MediaType.APPLICATION_OCTET_STREAM))
                    .cacheControl(cache)
                    .bodyValue(content);
            })
            .andRoute(GET("/asyncapi/{name}.yaml"), (request) -> {
                byte[] content = asyncApi.get(request.pathVariable("name"));
                if (content == null) {
                    return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
                }
                return ServerResponse.ok().contentType(YAML).cacheControl(CacheControl.noCache()).bodyValue(content);
            })
            .filter(securityHeaders(API_DOCS_CONTENT_SECURITY_POLICY));
    }

    @Bean
    @ConditionalOnBooleanProperty("qrlogin.demo.enabled")
    RouterFunction<ServerResponse> demoRoutes() {
        Resource login = new ClassPathResource("demo/index.html");
        Resource app = new ClassPathResource("demo/app.html");
        return RouterFunctions.route(GET("/"), (request) -> page(login))
            .andRoute(GET("/app"), (request) -> page(app))
            .and(RouterFunctions.resources("/demo/**", new ClassPathResource("demo/")))
            .filter(securityHeaders(CONTENT_SECURITY_POLICY));
    }

    private static Mono<ServerResponse> page(Resource html) {
        return ServerResponse.ok().contentType(HTML).cacheControl(CacheControl.noStore()).bodyValue(html);
    }

    private static HandlerFilterFunction<ServerResponse, ServerResponse> securityHeaders(String contentSecurityPolicy) {
        return (request, next) -> {
            HttpHeaders headers = request.exchange().getResponse().getHeaders();
            headers.set("Content-Security-Policy", contentSecurityPolicy);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("X-Frame-Options", "DENY");
            return next.handle(request);
        };
    }

    private static String swaggerUiVersion() {
        Properties pom = new Properties();
        try (InputStream in = new ClassPathResource("META-INF/maven/org.webjars/swagger-ui/pom.properties").getInputStream()) {
            pom.load(in);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("The Swagger UI webjar is missing", ex);
        }
        return pom.getProperty("version");
    }

    private static byte[] read(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return in.readAllBytes();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + path, ex);
        }
    }
}
