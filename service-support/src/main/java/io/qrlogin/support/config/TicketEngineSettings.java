package io.qrlogin.support.config;

import io.qrlogin.core.ticket.TicketLifetimes;

/**
 * The settings every service of the ticket engine shares. Each service's configuration-properties
 * record (prefix {@code qrlogin}) implements it, so one ConfigMap configures them all alike.
 */
public interface TicketEngineSettings {

    /** Ticket lifetimes, {@code qrlogin.ticket.*}. */
    TicketLifetimes ticket();

    /** The event stream, {@code qrlogin.events.*}. */
    EventsSettings events();

    /** How the services trust the edge, {@code qrlogin.edge.*}. */
    EdgeSettings edge();
}
