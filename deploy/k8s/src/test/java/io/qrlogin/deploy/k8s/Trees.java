package io.qrlogin.deploy.k8s;

import java.util.List;
import java.util.Map;

/**
 * Reading the plain trees SnakeYAML makes of the custom resources that have no model class: a node of
 * another type than asked for reads as empty, so a check walks a missing or misshapen branch without
 * failing on it (the schema checks report the shape; these only look for what is there).
 */
final class Trees {

    private Trees() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        return (node instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
    }

    static List<?> list(Object node) {
        return (node instanceof List<?> list) ? list : List.of();
    }
}
