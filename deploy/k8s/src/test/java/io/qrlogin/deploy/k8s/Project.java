package io.qrlogin.deploy.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where things are: this module's directory is {@code deploy/k8s}, the manifests' root. */
final class Project {

    /** deploy/k8s: the manifests and this module. */
    static final Path K8S = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();

    /** The repository root. */
    static final Path ROOT = K8S.resolve("../..").normalize();

    /** deploy/README.md, which lists the Secrets the operator provides. */
    static final Path DEPLOY_README = ROOT.resolve("deploy/README.md");

    /** The service modules: each runs as the container of the same name, from the image of the same name. */
    static final List<String> SERVICES = List.of("notify-gateway", "qr-service", "scan-service", "session-service");

    /** The modules every service depends on, whose configuration records the services embed. */
    static final List<String> SHARED_MODULES = List.of("ticket-core", "service-support");

    /** The configuration every service shares, below its own application.yml (service-support adds it). */
    static final Path SHARED_DEFAULTS = ROOT.resolve("service-support/src/main/resources/qrlogin-defaults.yml");

    private Project() {
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
