package io.qrlogin.deploy.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * What a module of this repository has on its class path at run time, as far as its configuration is
 * concerned, read from the POMs (nothing is resolved): its own dependencies that are not test-scoped
 * and, through the repository's modules among them, theirs that are neither test-scoped nor optional.
 * Which settings a service reads depends on it: only a service with Kafka's starter reads
 * {@code spring.kafka.*}, only one that ships the OTLP exporters sends traces anywhere.
 */
final class ModuleDependencies {

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

    private static final Set<String> RUN_TIME_SCOPES = Set.of("compile", "runtime");

    private ModuleDependencies() {
    }

    /** The run-time dependencies of {@code module} (a directory of the root POM's modules), as groupId:artifactId. */
    static Set<String> of(String module) {
        Map<String, Path> modules = modules(Project.ROOT);
        Set<String> dependencies = new LinkedHashSet<>();
        collect(Project.ROOT.resolve(module).resolve("pom.xml"), true, modules, dependencies);
        return dependencies;
    }

    /** The repository's modules by groupId:artifactId, with their POM. */
    private static Map<String, Path> modules(Path root) {
        Map<String, Path> modules = new LinkedHashMap<>();
        Matcher module = MODULE.matcher(read(root.resolve("pom.xml")));
        while (module.find()) {
            Path pom = root.resolve(module.group(1).strip()).resolve("pom.xml");
            Element project = parse(pom);
            Element parent = child(project, "parent");
            String groupId = text(project, "groupId", (parent != null) ? text(parent, "groupId", null) : null);
            modules.put(groupId + ":" + text(project, "artifactId", null), pom);
        }
        return modules;
    }

    private static void collect(Path pom, boolean direct, Map<String, Path> modules, Set<String> dependencies) {
        Element dependencyList = child(parse(pom), "dependencies");
        if (dependencyList == null) {
            return;
        }
        for (Element dependency : children(dependencyList, "dependency")) {
            String scope = text(dependency, "scope", "compile");
            boolean optional = Boolean.parseBoolean(text(dependency, "optional", "false"));
            if (!RUN_TIME_SCOPES.contains(scope) || (optional && !direct)) {
                continue;
            }
            String id = text(dependency, "groupId", null) + ":" + text(dependency, "artifactId", null);
            if (dependencies.add(id) && modules.containsKey(id)) {
                collect(modules.get(id), false, modules, dependencies);
            }
        }
    }

    private static Element parse(Path pom) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
        }
        catch (ParserConfigurationException | SAXException | IOException ex) {
            throw new IllegalStateException(pom + " is no readable POM", ex);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException ex) {
            throw new IllegalStateException(file + " is not readable", ex);
        }
    }

    /** The first child element named {@code name}, or null. */
    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(element.getTagName())) {
                children.add(element);
            }
        }
        return children;
    }

    private static String text(Element parent, String name, String fallback) {
        Element element = child(parent, name);
        return (element != null) ? element.getTextContent().strip() : fallback;
    }
}
