package io.qrlogin.scan.web;

import io.qrlogin.core.client.ClientRegistry;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.scan.ScanProperties;
import io.qrlogin.support.useragent.UserAgents;
import io.qrlogin.support.web.ClientAddress;
import org.jspecify.annotations.Nullable;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * What the app gets from a scan, however it named the ticket (its QR code, or a device's user code):
 * the confirm screen, judged against where the app calls from. No answer to the app is cached: each
 * one holds the state of a login under way.
 *
 * @param settings where the edge says the app calls from
 * @param clients the sites the confirm screen names
 * @param userAgents the browser and OS names the confirm screen shows
 */
@Component
record ScanResponses(ScanProperties settings, ClientRegistry clients, UserAgents userAgents) {

    /** The app's address, as the edge reports it. */
    @Nullable String appIp(ServerHttpRequest request) {
        return ClientAddress.of(request, this.settings.edge().clientIpHeader());
    }

    /** The confirm screen of a scanned {@code ticket}, for an app at {@code appIp}. */
    ResponseEntity<ScanResponse> scanned(Ticket ticket, @Nullable String appIp) {
        return noStore(ScanResponse.of(ticket, this.clients.find(ticket.clientId()).orElse(null),
                this.userAgents.describe(ticket.browser().userAgent()), appIp));
    }

    static <T> ResponseEntity<T> noStore(T body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }
}
