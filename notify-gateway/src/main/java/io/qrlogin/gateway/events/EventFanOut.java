package io.qrlogin.gateway.events;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.qrlogin.core.ticket.QrIds;
import io.qrlogin.engine.kafka.TicketEventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

/**
 * What the {@link KafkaTicketEventConsumer} reads, passed on: each event to {@link TicketChanges}, and, when
 * events may have been missed, a re-read of the followed tickets by the {@link ResyncScheduler}. The consumer
 * only polls; this is what its records mean to the sockets.
 *
 * @param records reads an event record
 * @param changes told of each change
 * @param resyncs asked for a re-read when events may have been missed
 * @param observations each record's fan-out is observed, continuing the trace whose context the producer put
 * in the record's headers
 */
record EventFanOut(TicketEventCodec records, TicketChanges changes, ResyncScheduler resyncs,
        ObservationRegistry observations) {

    private static final Logger logger = LoggerFactory.getLogger(EventFanOut.class);

    /**
     * Delivers {@code record} inside an observation that continues the trace of its {@code traceparent}
     * header: the fan-out's log lines, and the pushes it triggers, carry the trace id of the request
     * that made the change.
     */
    void deliver(ConsumerRecord<String, byte[]> record) {
        Observation.createNotStarted("qrlogin.events.fanout",
                () -> new KafkaRecordReceiverContext(record, "notify-gateway-fanout", () -> null), this.observations)
            .contextualName(record.topic() + " fan-out")
            .observe(() -> pass(record));
    }

    /** Events may have been missed (a consumer re-created): every followed ticket is read again. */
    void mayHaveMissedEvents(String why) {
        this.resyncs.resyncNow(why);
    }

    private void pass(ConsumerRecord<String, byte[]> record) {
        TicketEventCodec.Change change = this.records.read(record.key(), record.value());
        if (change == null) {
            logger.debug("Skipped an event without a ticket id at {}-{}@{}", record.topic(), record.partition(),
                    record.offset());
            return;
        }
        logger.debug("Fanning out {} of ticket {}", change.reached(), QrIds.fingerprintOfHash(change.qrIdHash()));
        try {
            this.changes.changed(change.qrIdHash(), change.reached());
        }
        catch (RuntimeException ex) {
            logger.warn("Could not fan out an event of ticket {}: {}", QrIds.fingerprintOfHash(change.qrIdHash()),
                    ex.toString());
        }
    }
}
