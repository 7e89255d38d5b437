package io.qrlogin.deploy.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.qrlogin.deploy.k8s.Shape.bool;
import static io.qrlogin.deploy.k8s.Shape.fields;
import static io.qrlogin.deploy.k8s.Shape.listOf;
import static io.qrlogin.deploy.k8s.Shape.mapOf;
import static io.qrlogin.deploy.k8s.Shape.oneOf;
import static io.qrlogin.deploy.k8s.Shape.string;

/**
 * The fields of a kustomization file these manifests use. Deprecated ones ({@code commonLabels},
 * {@code patchesStrategicMerge}, {@code bases}) and inline patches are refused: the checks read patch
 * files, and the rest would need teaching first.
 *
 * @see <a href="https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/">kustomization reference</a>
 */
final class KustomizationSchema {

    static final String API_VERSION = "kustomize.config.k8s.io/v1beta1";

    static final String FILE_NAME = "kustomization.yaml";

    private static final Shape SHAPE = fields(
            "apiVersion", oneOf(API_VERSION),
            "kind", oneOf("Kustomization"),
            "namespace", string("[a-z0-9]([-a-z0-9]*[a-z0-9])?"),
            "resources", listOf(string()),
            "patches", listOf(fields(
                    "path", string(),
                    "target", fields("group", string(), "version", string(), "kind", string(), "name", string(),
                            "namespace", string(), "labelSelector", string(), "annotationSelector", string()),
                    "options", fields("allowNameChange", bool(), "allowKindChange", bool())).required("path")),
            "configMapGenerator", listOf(fields(
                    "name", string(),
                    "behavior", oneOf("create", "replace", "merge"),
                    "envs", listOf(string()),
                    "literals", listOf(string("[-._a-zA-Z0-9]+=.*")),
                    // A file's name is its key: no "key=path" renaming, so the key is what the file is called.
                    "files", listOf(string("[^=]+")),
                    "options", fields(
                            "disableNameSuffixHash", bool(),
                            "labels", mapOf(string()),
                            "annotations", mapOf(string()))).required("name")),
            "images", listOf(fields(
                    "name", string(),
                    "newName", string(),
                    "newTag", string(),
                    "digest", string("sha256:[0-9a-f]{64}")).required("name")))
        .required("apiVersion", "kind");

    private KustomizationSchema() {
    }

    static List<String> check(Map<String, Object> document) {
        List<String> problems = new ArrayList<>();
        Shape.check(document, SHAPE, "", false, problems);
        return problems;
    }
}
