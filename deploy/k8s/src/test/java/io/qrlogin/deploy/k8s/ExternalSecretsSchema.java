package io.qrlogin.deploy.k8s;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import static io.qrlogin.deploy.k8s.Shape.fields;
import static io.qrlogin.deploy.k8s.Shape.listOf;
import static io.qrlogin.deploy.k8s.Shape.oneOf;
import static io.qrlogin.deploy.k8s.Shape.resource;
import static io.qrlogin.deploy.k8s.Shape.string;

/**
 * The part of the External Secrets Operator's custom resources these manifests use (SecretStore with
 * the Vault provider, ExternalSecret of {@code external-secrets.io/v1}), as shapes: they parse as
 * {@link GenericKubernetesResource}, like Strimzi's.
 *
 * @see <a href="https://external-secrets.io/latest/api/spec/">External Secrets Operator API reference</a>
 */
final class ExternalSecretsSchema {

    static final String API_VERSION = "external-secrets.io/v1";

    private static final Shape VAULT = fields(
            "server", string("https?://.+"),
            "path", string(),
            "version", oneOf("v1", "v2"),
            "namespace", string(),
            "caBundle", string(),
            "auth", fields(
                    "kubernetes", fields(
                            "mountPath", string(),
                            "role", string(),
                            "serviceAccountRef", fields("name", string(), "audiences", listOf(string())).required("name"))
                        .required("mountPath", "role", "serviceAccountRef"))
                .required("kubernetes"))
        .required("server", "auth");

    private static final Shape SECRET_STORE = resource(fields(
            "provider", fields("vault", VAULT),
            "refreshInterval", Shape.integer(0, Integer.MAX_VALUE)).required("provider"));

    private static final Shape EXTERNAL_SECRET = resource(fields(
            "refreshInterval", string("[0-9]+(s|m|h)"),
            "secretStoreRef", fields("kind", oneOf("SecretStore", "ClusterSecretStore"), "name", string())
                .required("name"),
            "target", fields(
                    "name", string("[a-z0-9]([-a-z0-9.]*[a-z0-9])?"),
                    "creationPolicy", oneOf("Owner", "Orphan", "Merge", "None"),
                    "deletionPolicy", oneOf("Retain", "Delete", "Merge")).required("name"),
            "data", listOf(fields(
                    "secretKey", string("[-._a-zA-Z0-9]+"),
                    "remoteRef", fields(
                            "key", string(),
                            "property", string(),
                            "version", string()).required("key")).required("secretKey", "remoteRef")))
        .required("secretStoreRef", "target", "data"));

    private static final Map<String, Shape> SHAPES = Map.of("SecretStore", SECRET_STORE, "ExternalSecret", EXTERNAL_SECRET);

    private ExternalSecretsSchema() {
    }

    static boolean isExternalSecrets(Map<String, Object> document) {
        return API_VERSION.equals(document.get("apiVersion"));
    }

    /** How the document differs from its kind's shape; patches may leave out required fields. */
    static List<String> check(Map<String, Object> document, boolean patch) {
        return Shape.checkDocument(document, SHAPES, "an External Secrets", patch);
    }
}
