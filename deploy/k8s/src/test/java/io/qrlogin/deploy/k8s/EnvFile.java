package io.qrlogin.deploy.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A kustomize env file ({@code configMapGenerator.envs}): {@code KEY=VALUE} lines, blank lines and
 * {@code #} comments. A line with a key alone would make kustomize copy that variable from the
 * environment of whoever renders, so it is refused, as are repeated keys.
 */
final class EnvFile {

    private EnvFile() {
    }

    static Map<String, String> read(Path file, List<String> problems) {
        Map<String, String> entries = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String where = Project.relative(file) + ":" + (i + 1);
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                problems.add(where + " is not KEY=VALUE");
                continue;
            }
            String key = line.substring(0, equals);
            if (!key.matches("[-._a-zA-Z0-9]+")) {
                problems.add(where + ": '" + key + "' is not a valid ConfigMap key");
            }
            if (entries.put(key, line.substring(equals + 1)) != null) {
                problems.add(where + ": " + key + " is set twice");
            }
        }
        return entries;
    }
}
