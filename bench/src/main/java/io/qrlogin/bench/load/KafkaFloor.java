package io.qrlogin.bench.load;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;

/**
 * The floor under every push: one record produced (idempotent, {@code acks=all}, as the services
 * publish) and consumed by a consumer polling the partition, on the broker the system uses, one
 * at a time at a steady pace ({@code --linger-ms 5} is the Kafka 4 client's default). Its own topic, so no gateway sees these records.
 */
final class KafkaFloor {

    private static final String TOPIC = "qrlogin.bench.floor";

    private KafkaFloor() {
    }

    static void run(BenchOptions options) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafka()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        catch (ExecutionException ex) {
            if (!(ex.getCause() instanceof TopicExistsException)) {
                throw ex;
            }
        }
        Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafka(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, options.lingerMs(), ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, LongSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, LongSerializer.class);
        Map<String, Object> consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafka(),
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, LongDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, LongDeserializer.class);
        Histogram latency = new Histogram(3);
        int warmup = Math.min(2000, options.messages() / 5);
        try (KafkaProducer<Long, Long> producer = new KafkaProducer<>(producerConfig);
                KafkaConsumer<Long, Long> consumer = new KafkaConsumer<>(consumerConfig)) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            for (int i = 0; i < warmup + options.messages(); i++) {
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(TOPIC, (long) i, sent));
                boolean received = false;
                while (!received) {
                    for (ConsumerRecord<Long, Long> record : consumer.poll(Duration.ofSeconds(5))) {
                        long now = System.nanoTime();
                        if (record.value() == sent) {
                            received = true;
                            if (i >= warmup) {
                                latency.recordValue((now - sent) / 1000);
                            }
                        }
                    }
                }
                // A steady trickle, as events arrive, not a batch the broker can group.
                Thread.sleep(1);
            }
        }
        System.out.printf(Locale.ROOT,
                "Kafka produce→consume, %d records one at a time (acks=all, idempotent, linger.ms %d): p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
                latency.getTotalCount(), options.lingerMs(), latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
                latency.getValueAtPercentile(99.9) / 1000.0, latency.getMaxValue() / 1000.0);
        System.out.println("load average at the end: " + BenchMain.loadAverage());
    }
}
