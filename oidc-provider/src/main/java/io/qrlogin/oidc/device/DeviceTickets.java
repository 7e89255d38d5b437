package io.qrlogin.oidc.device;

import java.time.Duration;

import io.qrlogin.core.pkce.Pkce;
import io.qrlogin.core.ticket.BrowserContext;
import io.qrlogin.core.ticket.QrIds;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketKind;
import io.qrlogin.engine.TicketCommands;
import io.qrlogin.engine.redis.RedisUserCodes;

/**
 * The tickets of the device grant: each device authorization gets a ticket of kind {@code device},
 * which the phone scans ({@code /q/{qrId}}) or finds by the user code, and confirms or cancels like a
 * browser's. The device code is the ticket's PKCE verifier (it is 128 characters of base64url, a valid
 * RFC 7636 verifier), so only the device that holds it can redeem the confirmed ticket, and the
 * provider keeps no verifier of its own.
 */
public final class DeviceTickets {

    /** The authorization attribute that names the device's ticket. */
    public static final String QR_ID = "qrlogin.qrId";

    private final TicketCommands tickets;

    private final RedisUserCodes userCodes;

    private final QrIds qrIds;

    private final Duration lifetime;

    /** @param lifetime how long a ticket waits for the phone: the device code lives as long */
    public DeviceTickets(TicketCommands tickets, RedisUserCodes userCodes, QrIds qrIds, Duration lifetime) {
        this.tickets = tickets;
        this.userCodes = userCodes;
        this.qrIds = qrIds;
        this.lifetime = lifetime;
    }

    /**
     * Mints the ticket of a device authorization of {@code clientId} and links its user code to it; blocks
     * (a servlet thread). The ticket's {@code ISSUED} is announced on the event stream.
     *
     * @param device what the edge saw of the device (its address and {@code User-Agent})
     * @return the ticket's id
     */
    public String mint(String clientId, String deviceCode, String userCode, BrowserContext device) {
        // No number matching: the device only polls the token endpoint, so it can never show the code the
        // scan draws. The user code and the QR code, both shown by the device itself, tie phone and device.
        Ticket ticket = this.tickets.mint(this.qrIds.next(), clientId, Pkce.s256(deviceCode), device, false,
                TicketKind.DEVICE).block();
        if (ticket == null) {
            throw new IllegalStateException("The ticket store answered nothing");
        }
        Boolean linked = this.userCodes.link(userCode, ticket.qrId(), this.lifetime).block();
        if (!Boolean.TRUE.equals(linked)) {
            // 20^8 codes: a live one drawn twice is all but impossible, and the first device keeps it.
            throw new IllegalStateException("User code already in use");
        }
        return ticket.qrId();
    }

    /** How long a device code and its ticket live. */
    public Duration lifetime() {
        return this.lifetime;
    }
}
