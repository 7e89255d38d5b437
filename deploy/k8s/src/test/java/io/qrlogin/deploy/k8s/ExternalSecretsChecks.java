package io.qrlogin.deploy.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.fabric8.kubernetes.api.model.ServiceAccount;

import static io.qrlogin.deploy.k8s.Trees.list;
import static io.qrlogin.deploy.k8s.Trees.map;

/**
 * The External Secrets example holds together: each ExternalSecret fills a Secret deploy/README.md
 * lists, with keys the README lists for it, from a SecretStore of the set, whose ServiceAccount exists
 * and mounts no token.
 */
final class ExternalSecretsChecks {

    private ExternalSecretsChecks() {
    }

    static List<String> check(ResourceSet set, Map<String, Set<String>> operatorSecrets) {
        List<String> problems = new ArrayList<>();
        for (Doc doc : set.ofKind("ExternalSecret")) {
            Map<String, Object> spec = map(doc.tree().get("spec"));
            Map<String, Object> store = map(spec.get("secretStoreRef"));
            String storeKind = String.valueOf(store.getOrDefault("kind", "SecretStore"));
            if ("SecretStore".equals(storeKind) && set.ofKind("SecretStore").stream().noneMatch((candidate) ->
                    Objects.equals(candidate.name(), store.get("name")))) {
                problems.add(doc.where() + " reads from the SecretStore " + store.get("name") + ", which is not here");
            }
            String target = String.valueOf(map(spec.get("target")).get("name"));
            Set<String> keys = operatorSecrets.get(target);
            if (keys == null) {
                problems.add(doc.where() + " creates the Secret " + target + ", which deploy/README.md does not list");
                continue;
            }
            for (Object entry : list(spec.get("data"))) {
                Object key = map(entry).get("secretKey");
                if (!keys.contains(String.valueOf(key))) {
                    problems.add(doc.where() + " writes the key " + key + " into " + target + ", which deploy/README.md lists "
                            + "with keys " + keys);
                }
            }
        }
        for (Doc doc : set.ofKind("SecretStore")) {
            Object account = map(map(map(map(map(doc.tree().get("spec")).get("provider")).get("vault")).get("auth"))
                .get("kubernetes")).get("serviceAccountRef");
            Object name = map(account).get("name");
            if (name != null && set.resources().stream().noneMatch((candidate) -> candidate.resource() instanceof ServiceAccount
                    && Objects.equals(candidate.name(), name))) {
                problems.add(doc.where() + " signs in as the ServiceAccount " + name + ", which is not here");
            }
        }
        for (Doc doc : set.resources()) {
            if (doc.resource() instanceof ServiceAccount account && !Boolean.FALSE.equals(account.getAutomountServiceAccountToken())) {
                problems.add(doc.where() + " would have its token mounted into pods (automountServiceAccountToken: false)");
            }
        }
        return problems;
    }
}
