package io.qrlogin.deploy.k8s;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The base images of deploy/docker/Dockerfile, as Docker resolves them: {@code ARG} defaults substituted
 * into each {@code FROM}, stages named with {@code AS} not counted as images. Each must be pinned by a
 * sha256 digest (a tag alone moves under you), and the image that runs is a JRE, not a JDK.
 */
final class Dockerfile {

    private static final Pattern ARG = Pattern.compile("(?im)^\\s*ARG\\s+([A-Za-z_][A-Za-z0-9_]*)=(\\S+)\\s*$");

    private static final Pattern FROM = Pattern.compile("(?im)^\\s*FROM\\s+(?:--platform=\\S+\\s+)?(\\S+)(?:\\s+AS\\s+(\\S+))?\\s*$");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)\\}?");

    private static final Pattern DIGEST = Pattern.compile(".+@sha256:[0-9a-f]{64}");

    private Dockerfile() {
    }

    /** The base images, in order (the last one is the image that runs). */
    static List<String> baseImages(String dockerfile) {
        Map<String, String> arguments = new LinkedHashMap<>();
        Matcher argument = ARG.matcher(dockerfile);
        while (argument.find()) {
            arguments.putIfAbsent(argument.group(1), argument.group(2).replaceAll("^\"|\"$", ""));
        }
        List<String> images = new ArrayList<>();
        Set<String> stages = new HashSet<>();
        Matcher from = FROM.matcher(dockerfile);
        while (from.find()) {
            String image = VARIABLE.matcher(from.group(1)).replaceAll((variable) ->
                    Matcher.quoteReplacement(arguments.getOrDefault(variable.group(1), variable.group())));
            if (!stages.contains(image)) {
                images.add(image);
            }
            if (from.group(2) != null) {
                stages.add(from.group(2));
            }
        }
        return images;
    }

    /** What is wrong with the Dockerfile's base images, as sentences. */
    static List<String> problems(String dockerfile) {
        List<String> problems = new ArrayList<>();
        List<String> images = baseImages(dockerfile);
        if (images.isEmpty()) {
            problems.add("the Dockerfile has no FROM");
            return problems;
        }
        for (String image : images) {
            if (!DIGEST.matcher(image).matches()) {
                problems.add("FROM " + image + " is not pinned by digest (image:tag@sha256:<64 hex>): a tag can move under you");
            }
        }
        String runtime = images.get(images.size() - 1);
        if (runtime.contains("jdk")) {
            problems.add("FROM " + runtime + " runs the services on a JDK: the image that runs needs a JRE only");
        }
        return problems;
    }
}
