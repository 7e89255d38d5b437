package io.qrlogin.support.observability;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;
import io.qrlogin.core.ticket.QrIds;
import org.jspecify.annotations.Nullable;

/**
 * Takes QR ids out of every observation before it becomes a metric or a span: a path segment shaped
 * like a QR id becomes {@value #PLACEHOLDER}. The request observations carry the whole path
 * ({@code http.url} of {@code /q/{qrId}}, {@code /api/scan/{qrId}}; the gateway's {@code http.uri}), and a
 * QR id in a tracing backend is a live ticket for anyone who reads it. Every key value, low
 * and high cardinality, and the contextual name (the span's name) go through {@link #redact(String)}.
 */
public final class QrIdRedaction implements ObservationFilter {

    /** What a QR id is replaced with. */
    public static final String PLACEHOLDER = "{qrId}";

    /**
     * A path segment of exactly a QR id's shape: right after a slash, and followed by anything that cannot
     * be part of an id (a delimiter, a quote, a bracket, the end).
     */
    private static final Pattern ID_SEGMENT = Pattern.compile("(?<=/)[A-Za-z0-9_-]{" + QrIds.LENGTH + "}(?![A-Za-z0-9_-])");

    @Override
    public Observation.Context map(Observation.Context context) {
        for (KeyValue keyValue : context.getLowCardinalityKeyValues()) {
            String redacted = redact(keyValue.getValue());
            if (!redacted.equals(keyValue.getValue())) {
                context.addLowCardinalityKeyValue(KeyValue.of(keyValue.getKey(), redacted));
            }
        }
        for (KeyValue keyValue : context.getHighCardinalityKeyValues()) {
            String redacted = redact(keyValue.getValue());
            if (!redacted.equals(keyValue.getValue())) {
                context.addHighCardinalityKeyValue(KeyValue.of(keyValue.getKey(), redacted));
            }
        }
        String name = context.getContextualName();
        if (name != null) {
            context.setContextualName(redact(name));
        }
        return context;
    }

    /** {@code text} with every path segment shaped like a QR id replaced by {@value #PLACEHOLDER}. */
    public static String redact(@Nullable String text) {
        if (text == null || text.length() < QrIds.LENGTH) {
            return (text != null) ? text : "";
        }
        Matcher matcher = ID_SEGMENT.matcher(text);
        return matcher.find() ? matcher.replaceAll(Matcher.quoteReplacement(PLACEHOLDER)) : text;
    }
}
