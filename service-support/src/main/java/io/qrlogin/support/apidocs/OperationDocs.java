package io.qrlogin.support.apidocs;

import java.io.UncheckedIOException;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * What an operation's document says besides its summary, kept with the other operations of its service
 * rather than in a controller's annotations: what a client needs to know of the operation, and one example
 * of its request body and of its success answer.
 *
 * @param description what the operation does, for the client's developer (CommonMark)
 * @param request the named example of the request body; {@code null} when the operation takes none
 * @param response the named example of the success answer; {@code null} when it has no body
 */
public record OperationDocs(String description, @Nullable NamedExample request, @Nullable NamedExample response) {

    /** An operation without a request body. */
    public static OperationDocs answering(String description, NamedExample response) {
        return new OperationDocs(description, null, response);
    }

    /** An operation without a body either way. */
    public static OperationDocs describing(String description) {
        return new OperationDocs(description, null, null);
    }

    /**
     * Adds to each operation named in {@code docs} by its operation id its description and examples: the request's
     * to each media type of its request body, the answer's to each media type of its success (2xx) response.
     */
    public static OpenApiCustomizer apply(Map<String, OperationDocs> docs) {
        return (api) -> api.getPaths().values().forEach((path) -> path.readOperations().forEach((operation) -> {
            OperationDocs doc = docs.get(operation.getOperationId());
            if (doc != null) {
                doc.applyTo(operation);
            }
        }));
    }

    private void applyTo(Operation operation) {
        operation.setDescription(this.description);
        if (this.request != null && operation.getRequestBody() != null) {
            this.request.addTo(operation.getRequestBody().getContent());
        }
        if (this.response != null) {
            operation.getResponses().forEach((status, answer) -> {
                if (status.startsWith("2")) {
                    this.response.addTo(answer.getContent());
                }
            });
        }
    }

    /**
     * An example body, by the name the document lists it under.
     *
     * @param name its name in the media type's {@code examples}
     * @param json the body
     */
    public record NamedExample(String name, String json) {

        void addTo(@Nullable Content content) {
            if (content != null) {
                content.values().forEach((media) -> media.addExamples(this.name, new Example().value(value())));
            }
        }

        /** The body as a JSON tree, as springdoc reads an {@code @ExampleObject}, so the document shows it as JSON. */
        private Object value() {
            try {
                return Json.mapper().readTree(this.json);
            }
            catch (JsonProcessingException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
