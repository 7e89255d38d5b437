package io.qrlogin.support.observability;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * Takes QR ids ({@link QrIdRedaction}) out of every string of every JSON log line (structured logging,
 * which the Kubernetes manifests turn on): the message included. Our own lines never hold a path; the
 * framework's do — its request logging at debug level ({@code HTTP POST "/api/scan/…"}), Reactor
 * Netty's access log when turned on — and {@code /q/{qrId}}, {@code /api/scan/{qrId}} hold live ticket
 * ids. Set for every service in the shared defaults ({@code logging.structured.json.customizer}).
 */
public final class QrIdRedactingLogMembers implements StructuredLoggingJsonMembersCustomizer<Object> {

    @Override
    public void customize(JsonWriter.Members<Object> members) {
        members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, QrIdRedaction::redact));
    }
}
