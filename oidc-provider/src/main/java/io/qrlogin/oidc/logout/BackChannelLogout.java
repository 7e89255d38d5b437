package io.qrlogin.oidc.logout;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.qrlogin.oidc.OidcProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts logout tokens to clients' {@code backchannel-logout-uri} (OpenID Connect Back-Channel Logout 1.0
 * §2.5), in the background: whoever ends a session never waits for a client. Each delivery is tried a
 * few times with growing pauses; a 2xx answer ends it, and so does a refusal (a 4xx but 429: the client
 * will not take this token however often it comes). Requests are asynchronous with a connect and an
 * answer timeout, so a client that stops answering holds no thread, only its pending request, and only
 * until the timeout. The token and the session appear in no log and no metric; the client id does.
 */
public final class BackChannelLogout implements AutoCloseable {

    /** Logout tokens by client and outcome: {@code delivered}, {@code refused}, {@code failed} (attempts used up). */
    static final String METER = "qrlogin.oidc.logout.tokens";

    private static final Logger logger = LoggerFactory.getLogger(BackChannelLogout.class);

    private final HttpClient http;

    private final ScheduledExecutorService retries;

    private final OidcProperties.BackChannelLogout settings;

    private final MeterRegistry meters;

    public BackChannelLogout(OidcProperties.BackChannelLogout settings, MeterRegistry meters) {
        this.settings = settings;
        this.meters = meters;
        this.http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
        this.retries = Executors.newSingleThreadScheduledExecutor((task) -> {
            Thread thread = new Thread(task, "backchannel-logout-retries");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Posts {@code logoutToken} to {@code clientId}'s {@code uri}; returns at once. */
    public void deliver(String clientId, URI uri, String logoutToken) {
        HttpRequest request = HttpRequest.newBuilder(uri)
            .timeout(this.settings.timeout())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Cache-Control", "no-store")
            .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + URLEncoder.encode(logoutToken,
                    StandardCharsets.US_ASCII)))
            .build();
        attempt(clientId, request, 1);
    }

    private void attempt(String clientId, HttpRequest request, int attempt) {
        this.http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            int status = (response != null) ? response.statusCode() : 0;
            if (status >= 200 && status < 300) {
                count(clientId, "delivered");
                return;
            }
            if (status >= 400 && status < 500 && status != 429) {
                count(clientId, "refused");
                logger.warn("Client {} refused a logout token with status {}", clientId, status);
                return;
            }
            String answer = (failure != null) ? failure.getClass().getSimpleName() : "status " + status;
            if (attempt >= this.settings.attempts()) {
                count(clientId, "failed");
                logger.warn("Could not deliver a logout token to client {} in {} attempts, the last: {}", clientId,
                        attempt, answer);
                return;
            }
            Duration pause = this.settings.firstRetryAfter().multipliedBy(1L << (attempt - 1));
            logger.debug("Logout token to client {} not delivered ({}), again in {}", clientId, answer, pause);
            try {
                this.retries.schedule(() -> attempt(clientId, request, attempt + 1), pause.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
            catch (RuntimeException ex) {
                // Shutting down: nothing more is retried.
                count(clientId, "failed");
            }
        });
    }

    private void count(String clientId, String outcome) {
        Counter.builder(METER)
            .description("Logout tokens posted to clients (OpenID Connect Back-Channel Logout), by outcome")
            .tag("client", clientId)
            .tag("outcome", outcome)
            .register(this.meters)
            .increment();
    }

    @Override
    public void close() {
        this.retries.shutdownNow();
    }
}
