package io.qrlogin.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An AsyncAPI document the gateway serves, parsed, for the tests that hold it to the code: walks it by
 * path, and checks that every local {@code $ref} points at something.
 */
public final class AsyncApiDocument {

    private final Map<String, Object> root;

    private AsyncApiDocument(Map<String, Object> root) {
        this.root = root;
    }

    /** {@code asyncapi/{name}.yaml} from the class path, as served. */
    public static AsyncApiDocument load(String name) {
        try (InputStream in = new ClassPathResource("asyncapi/" + name + ".yaml").getInputStream()) {
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            assertThat(root).as(name + ".yaml").containsEntry("asyncapi", "3.0.0");
            return new AsyncApiDocument(root);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The node at {@code path} (map keys, slash-separated, as in a JSON pointer). */
    public Object at(String path) {
        Object node = this.root;
        for (String key : path.split("/")) {
            assertThat(node).as("the parent of " + key + " in " + path).isInstanceOf(Map.class);
            node = ((Map<?, ?>) node).get(key);
            assertThat(node).as(path + ": no " + key).isNotNull();
        }
        return node;
    }

    /** The map at {@code path}. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String path) {
        Object node = at(path);
        assertThat(node).as(path).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    /** The list at {@code path}. */
    @SuppressWarnings("unchecked")
    public List<Object> list(String path) {
        Object node = at(path);
        assertThat(node).as(path).isInstanceOf(List.class);
        return (List<Object>) node;
    }

    /** Every {@code $ref} in the document. */
    public List<String> refs() {
        List<String> refs = new ArrayList<>();
        collectRefs(this.root, refs);
        return refs;
    }

    private static void collectRefs(Object node, List<String> refs) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("$ref".equals(key)) {
                    refs.add((String) value);
                }
                else {
                    collectRefs(value, refs);
                }
            });
        }
        else if (node instanceof List<?> list) {
            list.forEach((item) -> collectRefs(item, refs));
        }
    }

    /** Fails unless every {@code $ref} is local ({@code #/…}) and names a node of this document. */
    public void assertEveryReferenceResolves() {
        assertThat(refs()).isNotEmpty().allSatisfy((ref) -> {
            assertThat(ref).startsWith("#/");
            at(ref.substring(2));
        });
    }
}
