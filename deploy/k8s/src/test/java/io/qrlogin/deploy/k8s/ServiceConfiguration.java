package io.qrlogin.deploy.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import com.sun.source.tree.AnnotatedTypeTree;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The configuration properties a service really reads, derived from its sources: the components of
 * its {@code @ConfigurationProperties} record (and the records nested in it, from the service and from
 * the shared modules it depends on), the keys of its {@code application.yml} and, for a service built on
 * service-support, of the shared defaults below it ({@code qrlogin-defaults.yml}), and the Spring Boot
 * properties the manifests set, listed here with the reason, where the service has the library that
 * reads them ({@link ModuleDependencies}). An environment variable is accepted when Spring Boot's relaxed
 * binding (its own code, not a copy of its rules) binds it to one of them:
 * {@code QRLOGIN_GATEWAY_QR_SERVICE_URI} to {@code qrlogin.gateway.qr-service-uri}. A variable that binds
 * to nothing is configuration the service silently ignores.
 */
final class ServiceConfiguration {

    /** Spring Boot properties every service is given by the manifests, and why. */
    static final Map<String, String> SPRING_BOOT_PROPERTIES = Map.ofEntries(
            Map.entry("spring.data.redis.url", "the Redis every service keeps its state in; the whole URL comes from a "
                    + "Secret, credentials included, because spring.data.redis.url overrides spring.data.redis.password"),
            Map.entry("spring.config.import", "the config tree of Secret files (/etc/qrlogin/secrets): credentials as files, "
                    + "never environment variables"),
            Map.entry("logging.structured.format.console", "JSON log lines (ecs) for the cluster's log collector"));

    /**
     * Spring Boot properties the manifests give the services that have the library reading them (a
     * run-time dependency, groupId:artifactId, of the service or of a module of this repository it uses),
     * and why.
     */
    static final Map<String, Map<String, String>> SPRING_BOOT_PROPERTIES_BY_LIBRARY = Map.of(
            "org.springframework.boot:spring-boot-starter-kafka", Map.of(
                    "spring.kafka.bootstrap-servers", "the Kafka the ticket services publish ticket events to (and the "
                            + "gateway consumes them from)",
                    "spring.kafka.security.protocol", "SASL_SSL: the Strimzi listener is TLS with SCRAM users",
                    "spring.kafka.properties.sasl.mechanism", "SCRAM-SHA-512, the listener's mechanism",
                    "spring.kafka.properties.sasl.jaas.config", "the service's SCRAM credentials, a file from its "
                            + "KafkaUser's Secret",
                    "spring.kafka.ssl.trust-store-type", "PEM: the cluster CA's certificate as Strimzi writes it",
                    "spring.kafka.ssl.trust-store-certificates", "the cluster CA's certificate, a file from Strimzi's "
                            + "<cluster>-cluster-ca-cert Secret"),
            "io.opentelemetry:opentelemetry-exporter-otlp", Map.of(
                    "management.opentelemetry.tracing.export.otlp.endpoint", "where spans go: the OpenTelemetry collector "
                            + "(prod)"),
            "io.micrometer:micrometer-registry-otlp", Map.of(
                    "management.otlp.metrics.export.enabled", "metrics pushed over OTLP: on where there is a collector (prod)",
                    "management.otlp.metrics.export.url", "where metrics go: the OpenTelemetry collector (prod)"));

    /** The module whose auto-configuration puts the shared defaults below a service's application.yml. */
    static final String SHARED_DEFAULTS_MODULE = "service-support";

    /** Spring Boot properties only some services are given, and why. */
    static final Map<String, Map<String, String>> SPRING_BOOT_PROPERTIES_BY_SERVICE = Map.of("scan-service", Map.of(
            "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", "where the app's identity provider publishes its "
                    + "keys; scan-service refuses to start without it (or issuer-uri)",
            "spring.security.oauth2.resourceserver.jwt.issuer-uri", "the iss every app token must carry (prod)",
            "spring.security.oauth2.resourceserver.jwt.audiences", "the aud every app token must carry"),
            "session-service", Map.of(
            "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", "where the app's identity provider publishes its "
                    + "keys, for the app's signed-in-browsers API (/api/app/sessions)",
            "spring.security.oauth2.resourceserver.jwt.issuer-uri", "the iss every app token must carry (prod)",
            "spring.security.oauth2.resourceserver.jwt.audiences", "the aud every app token must carry"),
            "notify-gateway", Map.of(
            "spring.cloud.gateway.server.webflux.httpclient.pool.max-life-time", "pooled connections to the services end "
                    + "before a replaced pod's preStop sleep does, so no request goes out on a connection its shutdown closes"));

    private final String service;

    private final Set<String> properties;

    private final Map<String, Object> applicationYml;

    private ServiceConfiguration(String service, Set<String> properties, Map<String, Object> applicationYml) {
        this.service = service;
        this.properties = properties;
        this.applicationYml = applicationYml;
    }

    static ServiceConfiguration of(String service) {
        Set<String> dependencies = ModuleDependencies.of(service);
        List<String> sharedModules = Project.SHARED_MODULES.stream()
            .filter((module) -> dependencies.contains(Project.GROUP_ID + ":" + module)).toList();
        Set<String> properties = new TreeSet<>(new RecordProperties(service, sharedModules).properties());
        Map<String, Object> yml = readConfiguration(service, sharedModules.contains(SHARED_DEFAULTS_MODULE));
        properties.addAll(yml.keySet());
        properties.addAll(SPRING_BOOT_PROPERTIES.keySet());
        SPRING_BOOT_PROPERTIES_BY_LIBRARY.forEach((library, byLibrary) -> {
            if (dependencies.contains(library)) {
                properties.addAll(byLibrary.keySet());
            }
        });
        properties.addAll(SPRING_BOOT_PROPERTIES_BY_SERVICE.getOrDefault(service, Map.of()).keySet());
        return new ServiceConfiguration(service, properties, yml);
    }

    String service() {
        return this.service;
    }

    /** The property names, {@code *} standing for a map key. */
    Set<String> properties() {
        return this.properties;
    }

    /** A value from the service's application.yml or, when it sets none, the shared defaults, e.g. {@code server.port}. */
    Optional<Object> applicationYml(String key) {
        return Optional.ofNullable(this.applicationYml.get(key));
    }

    /** The property an environment variable binds to, if any. */
    Optional<String> propertyOf(String environmentVariable) {
        // Named as the real one: Spring Boot applies its environment-variable mapping only to that name.
        ConfigurationPropertySource source = ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(environmentVariable, "value")));
        for (String property : this.properties) {
            if (property.contains("*")) {
                Optional<String> bound = boundMapEntry(source, property);
                if (bound.isPresent()) {
                    return bound;
                }
            }
            else if (ConfigurationPropertyName.isValid(property) && binds(source, property)) {
                return Optional.of(property);
            }
        }
        return Optional.empty();
    }

    private static boolean binds(ConfigurationPropertySource source, String property) {
        ConfigurationProperty bound = source.getConfigurationProperty(ConfigurationPropertyName.of(property));
        return bound != null;
    }

    /** For {@code qrlogin.clients.*.display-name}: the key is whatever stands where the map's key does. */
    private static Optional<String> boundMapEntry(ConfigurationPropertySource source, String pattern) {
        if (!(source instanceof IterableConfigurationPropertySource iterable)) {
            return Optional.empty();
        }
        String[] elements = pattern.split("\\.");
        return iterable.stream().flatMap((name) -> {
            if (name.getNumberOfElements() < elements.length) {
                return Stream.empty();
            }
            StringBuilder concrete = new StringBuilder();
            for (int i = 0; i < elements.length; i++) {
                concrete.append((i > 0) ? "." : "").append(elements[i].equals("*") ? name.getElement(i, ConfigurationPropertyName.Form.UNIFORM) : elements[i]);
            }
            String candidate = concrete.toString();
            return (ConfigurationPropertyName.isValid(candidate) && binds(source, candidate)) ? Stream.of(candidate) : Stream.empty();
        }).findFirst();
    }

    /**
     * The service's application.yml over the shared defaults (when service-support puts them below it),
     * flattened to dotted keys.
     */
    private static Map<String, Object> readConfiguration(String service, boolean sharedDefaults) {
        Map<String, Object> flat = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        if (sharedDefaults) {
            files.add(Project.SHARED_DEFAULTS);
        }
        files.add(Project.ROOT.resolve(service).resolve("src/main/resources/application.yml"));
        for (Path yml : files) {
            if (Files.isRegularFile(yml)) {
                YamlDocuments.load(yml).forEach((document) -> flatten("", document, flat));
            }
        }
        return flat;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> flat) {
        map.forEach((key, value) -> {
            String name = prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key;
            if (value instanceof Map<?, ?> nested) {
                flatten(name, nested, flat);
            }
            else {
                flat.put(name, value);
            }
        });
    }

    /**
     * The properties of a service's {@code @ConfigurationProperties} record, read from the source with
     * javac's parser (nothing is compiled or loaded, so the service need not be built).
     */
    private static final class RecordProperties {

        private final String service;

        /** Every record declared in the service and in the shared modules it uses, by simple name (nested ones too). */
        private final Map<String, List<ClassTree>> records = new LinkedHashMap<>();

        private final List<ClassTree> roots = new ArrayList<>();

        RecordProperties(String service, List<String> sharedModules) {
            this.service = service;
            List<Path> sources = new ArrayList<>(javaFiles(service));
            sharedModules.forEach((module) -> sources.addAll(javaFiles(module)));
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
                JavacTask task = (JavacTask) javac.getTask(null, files, (diagnostic) -> { }, List.of("-proc:none"), null,
                        files.getJavaFileObjectsFromPaths(sources));
                for (CompilationUnitTree unit : task.parse()) {
                    boolean ownSource = Path.of(unit.getSourceFile().toUri()).startsWith(Project.ROOT.resolve(service));
                    for (Tree type : unit.getTypeDecls()) {
                        if (type instanceof ClassTree declaration) {
                            index(declaration, ownSource);
                        }
                    }
                }
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            if (this.roots.isEmpty()) {
                throw new IllegalStateException(service + " has no @ConfigurationProperties class in src/main/java");
            }
        }

        Set<String> properties() {
            Set<String> properties = new TreeSet<>();
            for (ClassTree root : this.roots) {
                collect(root, prefix(root), properties, new ArrayDeque<>());
            }
            return properties;
        }

        private void index(ClassTree declaration, boolean ownSource) {
            if (declaration.getKind() == Tree.Kind.RECORD) {
                this.records.computeIfAbsent(declaration.getSimpleName().toString(), (name) -> new ArrayList<>()).add(declaration);
            }
            if (ownSource && configurationProperties(declaration).isPresent()) {
                if (declaration.getKind() != Tree.Kind.RECORD) {
                    throw new IllegalStateException(this.service + ": " + declaration.getSimpleName()
                            + " is a @ConfigurationProperties class but not a record; ServiceConfiguration reads records");
                }
                this.roots.add(declaration);
            }
            for (Tree member : declaration.getMembers()) {
                if (member instanceof ClassTree nested) {
                    index(nested, ownSource);
                }
            }
        }

        private void collect(ClassTree record, String prefix, Set<String> properties, Deque<ClassTree> path) {
            if (path.contains(record)) {
                return;
            }
            path.push(record);
            for (Tree member : record.getMembers()) {
                if (!(member instanceof VariableTree component)
                        || component.getModifiers().getFlags().contains(Modifier.STATIC)) {
                    continue;
                }
                String property = prefix + "." + kebab(component.getName().toString());
                Tree type = unannotated(component.getType());
                if (type instanceof ParameterizedTypeTree generic && simpleName(generic.getType()).endsWith("Map")
                        && generic.getTypeArguments().size() == 2) {
                    Tree value = unannotated(generic.getTypeArguments().get(1));
                    ClassTree nested = resolve(simpleName(value), path);
                    if (nested != null) {
                        collect(nested, property + ".*", properties, path);
                    }
                    else {
                        properties.add(property + ".*");
                    }
                    continue;
                }
                ClassTree nested = (type instanceof ParameterizedTypeTree) ? null : resolve(simpleName(type), path);
                if (nested != null) {
                    collect(nested, property, properties, path);
                }
                else {
                    properties.add(property);
                }
            }
            path.pop();
        }

        /**
         * A record named {@code name}: nested in the record being read or one it is nested in (innermost
         * first), else the only record of that name in the service and the shared modules it uses.
         */
        private ClassTree resolve(String name, Deque<ClassTree> scopes) {
            for (ClassTree scope : scopes) {
                for (Tree member : scope.getMembers()) {
                    if (member instanceof ClassTree nested && nested.getKind() == Tree.Kind.RECORD
                            && nested.getSimpleName().contentEquals(name)) {
                        return nested;
                    }
                }
            }
            List<ClassTree> candidates = this.records.getOrDefault(name, List.of());
            return (candidates.size() == 1) ? candidates.get(0) : null;
        }

        private static String prefix(ClassTree root) {
            AnnotationTree annotation = configurationProperties(root).orElseThrow();
            for (ExpressionTree argument : annotation.getArguments()) {
                ExpressionTree value = argument;
                if (argument instanceof AssignmentTree assignment) {
                    String name = assignment.getVariable().toString();
                    if (!name.equals("value") && !name.equals("prefix")) {
                        continue;
                    }
                    value = assignment.getExpression();
                }
                if (value instanceof LiteralTree literal) {
                    return String.valueOf(literal.getValue());
                }
            }
            throw new IllegalStateException(root.getSimpleName() + ": @ConfigurationProperties without a literal prefix");
        }

        private static Optional<AnnotationTree> configurationProperties(ClassTree declaration) {
            return declaration.getModifiers().getAnnotations().stream()
                .map(AnnotationTree.class::cast)
                .filter((annotation) -> simpleName(annotation.getAnnotationType()).equals("ConfigurationProperties"))
                .findFirst();
        }

        private static Tree unannotated(Tree type) {
            return (type instanceof AnnotatedTypeTree annotated) ? annotated.getUnderlyingType() : type;
        }

        private static String simpleName(Tree type) {
            Tree plain = unannotated(type);
            if (plain instanceof ParameterizedTypeTree generic) {
                return simpleName(generic.getType());
            }
            if (plain instanceof MemberSelectTree select) {
                return select.getIdentifier().toString();
            }
            if (plain instanceof IdentifierTree identifier) {
                return identifier.getName().toString();
            }
            return plain.toString();
        }

        /** {@code qrServiceUri} to {@code qr-service-uri}: the canonical form of a property name. */
        private static String kebab(String camel) {
            return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        }

        private static List<Path> javaFiles(String module) {
            Path sources = Project.ROOT.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(sources)) {
                return List.of();
            }
            try (Stream<Path> files = Files.walk(sources)) {
                return files.filter((file) -> file.toString().endsWith(".java")).sorted().toList();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
