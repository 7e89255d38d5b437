package io.qrlogin.deploy.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Where things are: this module's directory is {@code deploy/k8s}, the manifests' root. */
final class Project {

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

    /** deploy/k8s: the manifests and this module. */
    static final Path K8S = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();

    /** The repository root. */
    static final Path ROOT = K8S.resolve("../..").normalize();

    /** deploy/README.md, which lists the Secrets the operator provides. */
    static final Path DEPLOY_README = ROOT.resolve("deploy/README.md");

    /** deploy/docker/Dockerfile, which builds every service's image. */
    static final Path DOCKERFILE = ROOT.resolve("deploy/docker/Dockerfile");

    /**
     * The service modules: the root POM's modules with a {@code src/main/resources/application.yml} (the
     * parent's "service" profile makes exactly those executable jars), except those under {@code deploy/}:
     * the demo relying party there is a client of the system, run by the local system only. Each runs as the
     * container of the same name, from the image of the same name; a new service is checked as soon as it is
     * a module.
     */
    static final List<String> SERVICES = services(ROOT);

    /** The public edge: the service browsers and the Ingress or HTTPRoute reach. */
    static final String GATEWAY = "notify-gateway";

    /** The groupId of this repository's modules. */
    static final String GROUP_ID = "io.qrlogin";

    /**
     * The modules the services share, whose configuration records a service embeds when it depends on
     * them: ticket-core (the clients) for every service, service-support for all but oidc-provider.
     */
    static final List<String> SHARED_MODULES = List.of("ticket-core", "service-support");

    /** The configuration the services built on service-support share, below their own application.yml. */
    static final Path SHARED_DEFAULTS = ROOT.resolve("service-support/src/main/resources/qrlogin-defaults.yml");

    private Project() {
    }

    /** The service modules of the repository at {@code root}, in the root POM's order. */
    static List<String> services(Path root) {
        String pom;
        try {
            pom = Files.readString(root.resolve("pom.xml"));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        List<String> services = new ArrayList<>();
        Matcher module = MODULE.matcher(pom);
        while (module.find()) {
            String name = module.group(1).strip();
            if (!name.startsWith("deploy/")
                    && Files.isRegularFile(root.resolve(name).resolve("src/main/resources/application.yml"))) {
                services.add(name);
            }
        }
        if (services.isEmpty()) {
            throw new IllegalStateException(root.resolve("pom.xml") + " lists no module with src/main/resources/application.yml");
        }
        return List.copyOf(services);
    }

    /** Every YAML file under {@code root} (deploy/k8s), outside this module's sources and build output. */
    static List<Path> manifestFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                .filter((file) -> {
                    Path relative = root.relativize(file);
                    String first = relative.getName(0).toString();
                    return !first.equals("src") && !first.equals("target") && !first.startsWith(".");
                })
                .filter((file) -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
                .sorted()
                .toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** {@code file} relative to deploy/k8s, for messages. */
    static String relative(Path file) {
        return K8S.relativize(file.toAbsolutePath().normalize()).toString();
    }
}
