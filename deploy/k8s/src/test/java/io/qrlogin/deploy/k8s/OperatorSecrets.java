package io.qrlogin.deploy.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Secrets the manifests may reference, as deploy/README.md lists them: the table after the marker
 * {@value #MARKER}, one Secret per row, its name in backticks in the first cell and its keys in
 * backticks in the second. The operator creates some, Strimzi the others (the cluster CA, one per
 * KafkaUser); the manifests hold none themselves.
 */
final class OperatorSecrets {

    static final String MARKER = "<!-- operator-secrets";

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private OperatorSecrets() {
    }

    /** Secret name to its keys, in the README's order. */
    static Map<String, Set<String>> fromReadme() {
        List<String> lines;
        try {
            lines = Files.readAllLines(Project.DEPLOY_README);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("deploy/README.md lists the Secrets the operator provides", ex);
        }
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith(MARKER)) {
                start = i + 1;
                break;
            }
        }
        if (start < 0) {
            throw new IllegalStateException("deploy/README.md has no '" + MARKER + "' marker before its table of Secrets");
        }
        Map<String, Set<String>> secrets = new LinkedHashMap<>();
        for (int i = start; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("|")) {
                if (!secrets.isEmpty() || !line.isEmpty()) {
                    break;
                }
                continue;
            }
            String[] cells = line.split("\\|");
            if (cells.length < 3 || cells[1].isBlank() || cells[1].strip().startsWith("---") || !cells[1].contains("`")) {
                continue;
            }
            Matcher name = CODE.matcher(cells[1]);
            if (!name.find()) {
                continue;
            }
            Set<String> keys = new LinkedHashSet<>();
            Matcher key = CODE.matcher(cells[2]);
            while (key.find()) {
                keys.add(key.group(1));
            }
            secrets.put(name.group(1), keys);
        }
        if (secrets.isEmpty()) {
            throw new IllegalStateException("deploy/README.md's table of Secrets after '" + MARKER + "' is empty");
        }
        return secrets;
    }
}
