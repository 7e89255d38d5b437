package io.qrlogin.deploy.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Facts about notify-gateway that the manifests must agree with, read from its sources (nothing is
 * compiled or loaded): the gauges it registers, whose Prometheus names an autoscaler may scale on, and
 * the path of the browser socket, which the edge must give a long timeout. A rename in the code fails
 * the manifest test instead of leaving an autoscaler on a metric that no longer exists.
 */
final class GatewaySource {

    private static final Pattern GAUGE = Pattern.compile("Gauge\\s*\\.\\s*builder\\(\\s*\"([^\"]+)\"");

    private static final Pattern SOCKET_PATH = Pattern.compile("static\\s+final\\s+String\\s+PATH\\s*=\\s*\"([^\"]+)\"");

    private GatewaySource() {
    }

    /** The gateway's gauges as Prometheus names them ({@code qrlogin.sockets} is {@code qrlogin_sockets}). */
    static Set<String> gauges() {
        Set<String> gauges = new TreeSet<>();
        for (String source : sources()) {
            Matcher gauge = GAUGE.matcher(source);
            while (gauge.find()) {
                gauges.add(gauge.group(1).replace('.', '_').toLowerCase(Locale.ROOT));
            }
        }
        return gauges;
    }

    /** The path of the browser's WebSocket ({@code QrSocketEndpoint.PATH}). */
    static String socketPath() {
        Path endpoint = gatewaySources().resolve("io/qrlogin/gateway/socket/QrSocketEndpoint.java");
        try {
            Matcher path = SOCKET_PATH.matcher(Files.readString(endpoint));
            if (!path.find()) {
                throw new IllegalStateException(endpoint + " declares no PATH constant");
            }
            return path.group(1);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(endpoint + " names the browser socket's path", ex);
        }
    }

    private static Path gatewaySources() {
        return Project.ROOT.resolve(Project.GATEWAY).resolve("src/main/java");
    }

    private static List<String> sources() {
        try (Stream<Path> files = Files.walk(gatewaySources())) {
            return files.filter((file) -> file.toString().endsWith(".java")).sorted().map((file) -> {
                try {
                    return Files.readString(file);
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }).toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
