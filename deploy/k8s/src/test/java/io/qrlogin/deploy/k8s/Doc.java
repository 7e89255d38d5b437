package io.qrlogin.deploy.k8s;

import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;

/**
 * One YAML document: where it is (a file under deploy/k8s, or rendered output), its plain tree, its
 * model object, and whether kustomize applies it as a patch (a partial resource) rather than creating it.
 */
record Doc(String origin, int index, Map<String, Object> tree, KubernetesResource resource, boolean patch) {

    String kind() {
        return String.valueOf(this.tree.get("kind"));
    }

    String name() {
        return (this.resource instanceof HasMetadata object && object.getMetadata() != null)
                ? object.getMetadata().getName() : null;
    }

    /** For messages: file, document number, kind/name. */
    String where() {
        return this.origin + "#" + this.index + " " + kind() + "/" + name() + (this.patch ? " (patch)" : "");
    }
}
