package io.qrlogin.deploy.k8s;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecretProjection;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;

/**
 * What one container of a workload is configured with, as its process will see it: the environment
 * (literal values and ConfigMap values, the resource's and its patches' together; a variable set one by
 * one wins over one from envFrom, as in Kubernetes) and the files of its Spring Boot config trees (the
 * directories {@code SPRING_CONFIG_IMPORT} names as {@code configtree:}), each a key of a Secret.
 *
 * @param workload the Deployment or StatefulSet
 * @param container the container
 * @param settings environment variables with a value the manifests know (not those from Secrets)
 * @param fromSecrets environment variables whose value comes from a Secret, with where from
 * @param configTrees the config tree directories, without a trailing slash
 * @param files the config tree files by property name (their path below the directory, dots for slashes)
 * @param wholeSecrets the Secrets mounted into a config tree whole (without items): each of their keys is
 * a file, named like the key
 * @param secretMounts every Secret the container mounts, with the directory
 */
record ContainerConfig(Doc workload, Container container, Map<String, String> settings, Map<String, String> fromSecrets,
        List<String> configTrees, Map<String, SecretFile> files, List<String> wholeSecrets, List<SecretMount> secretMounts) {

    /** A file of a config tree: a key of a Secret. */
    record SecretFile(String secret, String key, boolean optional) {
    }

    /** A Secret mounted into the container, at {@code directory} (without a trailing slash). */
    record SecretMount(String secret, String directory) {
    }

    private static final Pattern CONFIG_TREE = Pattern.compile("(?:optional:)?configtree:(.+)");

    static ContainerConfig of(ResourceSet set, Doc workload, Container container) {
        Map<String, String> fromEnvFrom = new LinkedHashMap<>();
        Map<String, String> fromEnv = new LinkedHashMap<>();
        Map<String, String> fromSecrets = new LinkedHashMap<>();
        for (Container part : parts(set, workload, container)) {
            for (EnvFromSource source : Objects.requireNonNullElse(part.getEnvFrom(), List.<EnvFromSource>of())) {
                String prefix = Objects.requireNonNullElse(source.getPrefix(), "");
                if (source.getConfigMapRef() != null) {
                    set.configMaps().getOrDefault(source.getConfigMapRef().getName(), Map.of())
                        .forEach((key, value) -> fromEnvFrom.put(prefix + key, value));
                }
                if (source.getSecretRef() != null) {
                    fromSecrets.put(prefix + "*", "envFrom the Secret " + source.getSecretRef().getName());
                }
            }
            for (EnvVar env : Objects.requireNonNullElse(part.getEnv(), List.<EnvVar>of())) {
                if (env.getValue() != null) {
                    fromEnv.put(env.getName(), env.getValue());
                }
                else if (env.getValueFrom() != null && env.getValueFrom().getConfigMapKeyRef() != null) {
                    ConfigMapKeySelector ref = env.getValueFrom().getConfigMapKeyRef();
                    String value = set.configMaps().getOrDefault(ref.getName(), Map.of()).get(ref.getKey());
                    if (value != null) {
                        fromEnv.put(env.getName(), value);
                    }
                }
                else if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                    fromSecrets.put(env.getName(), "the Secret " + env.getValueFrom().getSecretKeyRef().getName());
                }
            }
        }
        Map<String, String> settings = new LinkedHashMap<>(fromEnvFrom);
        settings.putAll(fromEnv);
        List<String> configTrees = new ArrayList<>();
        String imports = settings.get("SPRING_CONFIG_IMPORT");
        if (imports != null) {
            for (String location : imports.split(",")) {
                Matcher tree = CONFIG_TREE.matcher(location.strip());
                if (tree.matches()) {
                    configTrees.add(withoutTrailingSlash(tree.group(1).strip()));
                }
            }
        }
        Map<String, SecretFile> files = new LinkedHashMap<>();
        List<String> wholeSecrets = new ArrayList<>();
        List<SecretMount> secretMounts = new ArrayList<>();
        PodSpec spec = Workloads.podSpec(workload).orElseThrow();
        for (VolumeMount mount : Objects.requireNonNullElse(container.getVolumeMounts(), List.<VolumeMount>of())) {
            Optional<Volume> volume = Objects.requireNonNullElse(spec.getVolumes(), List.<Volume>of()).stream()
                .filter((candidate) -> candidate.getName().equals(mount.getName())).findFirst();
            if (volume.isEmpty()) {
                continue;
            }
            String directory = withoutTrailingSlash(mount.getMountPath());
            boolean tree = configTrees.contains(directory);
            for (SecretProjection secret : secrets(volume.get())) {
                secretMounts.add(new SecretMount(secret.getName(), directory));
                if (!tree) {
                    continue;
                }
                if (Objects.requireNonNullElse(secret.getItems(), List.<KeyToPath>of()).isEmpty()) {
                    wholeSecrets.add(secret.getName());
                }
                for (KeyToPath item : Objects.requireNonNullElse(secret.getItems(), List.<KeyToPath>of())) {
                    files.put(item.getPath().replace('/', '.'),
                            new SecretFile(secret.getName(), item.getKey(), Boolean.TRUE.equals(secret.getOptional())));
                }
            }
        }
        return new ContainerConfig(workload, container, settings, fromSecrets, configTrees, files, wholeSecrets, secretMounts);
    }

    /** A setting of the container, if the manifests give it one. */
    Optional<String> setting(String name) {
        return Optional.ofNullable(this.settings.get(name));
    }

    /** For messages: the workload and the container. */
    String where() {
        return this.workload.where() + " container " + this.container.getName();
    }

    /** The service module the container runs, if it runs one. */
    Optional<String> service() {
        return Workloads.service(this.container);
    }

    /**
     * A Spring Boot duration as the services read one ({@code 30s}, {@code 5m}, {@code 500ms}, ISO-8601
     * {@code PT30S}, or a bare number of milliseconds), if it is one.
     */
    static Optional<Duration> duration(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        Matcher simple = Pattern.compile("([0-9]+)(ns|us|ms|s|m|h|d)?").matcher(text);
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            String unit = (simple.group(2) != null) ? simple.group(2) : "ms";
            return Optional.of(switch (unit) {
                case "ns" -> Duration.ofNanos(amount);
                case "us" -> Duration.ofNanos(amount * 1000);
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        }
        try {
            return Optional.of(Duration.parse(value.strip()));
        }
        catch (DateTimeParseException ex) {
            return Optional.empty();
        }
    }

    /** The container itself and the same container in the set's patches to the same workload. */
    private static List<Container> parts(ResourceSet set, Doc workload, Container container) {
        List<Container> parts = new ArrayList<>();
        parts.add(container);
        for (Doc patch : set.patches()) {
            if (patch.kind().equals(workload.kind()) && Objects.equals(patch.name(), workload.name())) {
                Workloads.containers(patch).stream().filter((candidate) -> Objects.equals(candidate.getName(), container.getName()))
                    .forEach(parts::add);
            }
        }
        return parts;
    }

    /** The Secrets a volume carries: a secret volume, or the secret sources of a projected one. */
    static List<SecretProjection> secrets(Volume volume) {
        List<SecretProjection> secrets = new ArrayList<>();
        if (volume.getSecret() != null) {
            secrets.add(new SecretProjection(volume.getSecret().getItems(), volume.getSecret().getSecretName(),
                    volume.getSecret().getOptional()));
        }
        if (volume.getProjected() != null) {
            for (VolumeProjection source : Objects.requireNonNullElse(volume.getProjected().getSources(), List.<VolumeProjection>of())) {
                if (source.getSecret() != null) {
                    secrets.add(source.getSecret());
                }
            }
        }
        return secrets;
    }

    private static String withoutTrailingSlash(String path) {
        return (path.length() > 1 && path.endsWith("/")) ? path.substring(0, path.length() - 1) : path;
    }
}
