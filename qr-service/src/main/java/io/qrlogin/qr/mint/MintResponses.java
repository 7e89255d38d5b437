package io.qrlogin.qr.mint;

import java.time.Duration;

import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.qr.QrProperties;
import io.qrlogin.qrimage.QrCodeRenderer;
import io.qrlogin.support.web.ClientAddress;
import org.jspecify.annotations.Nullable;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * What the browser gets from a mint: the ticket's id, the URL its QR code encodes and the code itself, never
 * cached; and where the edge says the browser calls from.
 *
 * @param properties the public URL of the codes, and the edge's client IP header
 * @param renderer draws the QR code
 */
@Component
record MintResponses(QrProperties properties, QrCodeRenderer renderer) {

    /** The browser's address, as the edge reports it. */
    @Nullable String browserIp(ServerHttpRequest request) {
        return ClientAddress.of(request, this.properties.edge().clientIpHeader());
    }

    /** The answer to a mint of {@code request}: the new ticket and its QR code. */
    ResponseEntity<MintResponse> created(Minting.Minted minted, MintRequest.Valid request) {
        Ticket ticket = minted.ticket();
        String qrUrl = this.properties.qrUrl(ticket.qrId());
        long expiresIn = Duration.between(ticket.createdAt(), ticket.expiresAt()).toSeconds();
        MintResponse body = new MintResponse(ticket.qrId(), qrUrl, this.renderer.dataUri(qrUrl, request.imageFormat()),
                ticket.expiresAt(), expiresIn, minted.client().confirmIdentityInBrowser());
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(body);
    }
}
