package io.qrlogin.deploy.k8s;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads YAML the strict way. Kubernetes' own YAML handling keeps the last of two equal keys without
 * a word, so a second {@code env:} or {@code image:} silently wins; here a duplicate key is an error.
 */
final class YamlDocuments {

    private YamlDocuments() {
    }

    /** Every document of the file, as maps; a duplicate key anywhere throws. */
    static List<Map<String, Object>> load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return load(reader, Project.relative(file));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Every document of {@code text} (e.g. kubectl's output), as maps; a duplicate key anywhere throws. */
    static List<Map<String, Object>> load(String text, String origin) {
        return load(new java.io.StringReader(text), origin);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> load(Reader reader, String origin) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        List<Map<String, Object>> documents = new ArrayList<>();
        int index = 0;
        for (Object document : yaml.loadAll(reader)) {
            if (!(document instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(origin + " document " + index + " is "
                        + ((document != null) ? "not a mapping" : "empty") + ": every document must be one object");
            }
            documents.add((Map<String, Object>) map);
            index++;
        }
        return documents;
    }
}
