package io.qrlogin.testing.architecture;

import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The architecture every module keeps, as ArchUnit rules over the packages below one root: the
 * product's ({@link #product()}), or a test fixture's, which shows that each rule fails on a class
 * that breaks it. Every module runs them ({@link ArchitectureTest}).
 *
 * <p>The layers, inner to outer: {@code core} (the ticket domain, plain Java), {@code engine} (the
 * use cases and their Redis and Kafka adapters), {@code support} (what every service shares), then
 * the services, none of which knows another. Test infrastructure ({@code testing}) is used by tests
 * only.
 */
public final class ArchitectureRules {

    /** The root package of the product. */
    public static final String PRODUCT_ROOT = "io.qrlogin";

    /** The services' top-level packages below the root: each is one deployable, independent of the others. */
    public static final List<String> SERVICES = List.of("qr", "scan", "session", "gateway", "oidc");

    private static final String[] CORE_MAY_USE = { "java..", "org.jspecify.." };

    private static final DescribedPredicate<JavaClass> ADAPTERS = new DescribedPredicate<>(
            "are controllers, WebSocket handlers or configuration classes") {
        @Override
        public boolean test(JavaClass type) {
            return type.isAnnotatedWith("org.springframework.web.bind.annotation.RestController")
                    || type.isAnnotatedWith("org.springframework.stereotype.Controller")
                    || type.isAnnotatedWith("org.springframework.context.annotation.Configuration")
                    || type.isAssignableTo("org.springframework.web.reactive.socket.WebSocketHandler");
        }
    };

    private final String root;

    private ArchitectureRules(String root) {
        this.root = root;
    }

    /** The rules over the product's packages. */
    public static ArchitectureRules product() {
        return new ArchitectureRules(PRODUCT_ROOT);
    }

    /** The same rules over another root, for showing that each catches what it should. */
    public static ArchitectureRules below(String root) {
        return new ArchitectureRules(root);
    }

    /** The ticket core is plain Java: no framework, no client library, no reactive types. */
    public ArchRule coreIsPlainJava() {
        return classes().that().resideInAPackage(pkg("core"))
            .should().onlyDependOnClassesThat().resideInAnyPackage(with(CORE_MAY_USE, pkg("core")))
            .allowEmptyShould(true)
            .because("the ticket domain must read (and be tested) without Spring, Redis, Kafka or Reactor");
    }

    /** No package cycles anywhere: each package can be understood from the ones it uses. */
    public ArchRule noPackageCycles() {
        return slices().matching(this.root + ".(**)")
            .should().beFreeOfCycles()
            .allowEmptyShould(true);
    }

    /**
     * Dependencies point inwards: services use support, engine and core; support uses engine and
     * core; engine uses core; the core, the QR image library and the signing keys use nothing of ours; no service uses
     * another; main code never uses test infrastructure.
     */
    public ArchRule layersPointInwards() {
        String[] services = SERVICES.stream().map(ArchitectureRules::layer).toArray(String[]::new);
        var rule = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("core").definedBy(pkg("core"))
            .layer("qr-image").definedBy(pkg("qrimage"))
            .layer("signing-keys").definedBy(pkg("keys"))
            .layer("engine").definedBy(pkg("engine"))
            .layer("support").definedBy(pkg("support"))
            .layer("testing").definedBy(pkg("testing"));
        for (String service : SERVICES) {
            rule = rule.layer(layer(service)).definedBy(pkg(service));
        }
        rule = rule.whereLayer("core").mayNotAccessAnyLayer()
            .whereLayer("qr-image").mayNotAccessAnyLayer()
            .whereLayer("qr-image").mayOnlyBeAccessedByLayers(layer("qr"))
            .whereLayer("signing-keys").mayNotAccessAnyLayer()
            .whereLayer("engine").mayOnlyBeAccessedByLayers(with(services, "support", "testing"))
            .whereLayer("support").mayOnlyBeAccessedByLayers(services)
            .whereLayer("testing").mayNotBeAccessedByAnyLayer();
        for (String service : services) {
            rule = rule.whereLayer(service).mayNotBeAccessedByAnyLayer();
        }
        return rule;
    }

    /**
     * Controllers, WebSocket handlers and configuration classes are package-private: the framework
     * finds them, nothing else should call them.
     */
    public ArchRule adaptersArePackagePrivate() {
        return classes().that(resideInAService()).and(ADAPTERS)
            .should().notBePublic()
            .allowEmptyShould(true)
            .because("the framework wires them; package-private keeps other code from depending on them");
    }

    /** An {@code *Application} class holds {@code main} and nothing else. */
    public ArchRule applicationsHoldMainOnly() {
        return classes().that().haveSimpleNameEndingWith("Application").and(resideInAService())
            .should(declareOnlyMain())
            .allowEmptyShould(true)
            .because("configuration belongs in @Configuration classes of the feature it configures");
    }

    /** Every rule, for a module's architecture test. */
    public List<ArchRule> all() {
        return List.of(coreIsPlainJava(), noPackageCycles(), layersPointInwards(), adaptersArePackagePrivate(),
                applicationsHoldMainOnly());
    }

    private DescribedPredicate<JavaClass> resideInAService() {
        return new DescribedPredicate<>("reside in a service") {
            @Override
            public boolean test(JavaClass type) {
                return SERVICES.stream().anyMatch((service) -> {
                    String base = ArchitectureRules.this.root + "." + service;
                    return type.getPackageName().equals(base) || type.getPackageName().startsWith(base + ".");
                });
            }
        };
    }

    private static ArchCondition<JavaClass> declareOnlyMain() {
        return new ArchCondition<>("declare no method but main and no field") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                for (JavaMethod method : type.getMethods()) {
                    boolean main = method.getName().equals("main") && method.getModifiers().contains(JavaModifier.STATIC);
                    if (!main && !method.getModifiers().contains(JavaModifier.SYNTHETIC)) {
                        events.add(SimpleConditionEvent.violated(type,
                                type.getName() + " declares " + method.getName() + "(): an application class holds main only"));
                    }
                }
                type.getFields().stream().filter((field) -> !field.getModifiers().contains(JavaModifier.SYNTHETIC))
                    .forEach((field) -> events.add(SimpleConditionEvent.violated(type,
                            type.getName() + " declares field " + field.getName() + ": an application class holds main only")));
            }
        };
    }

    private String pkg(String name) {
        return this.root + "." + name + "..";
    }

    private static String layer(String service) {
        return service + " service";
    }

    private static String[] with(String[] some, String... more) {
        String[] all = new String[some.length + more.length];
        System.arraycopy(some, 0, all, 0, some.length);
        System.arraycopy(more, 0, all, some.length, more.length);
        return all;
    }
}
