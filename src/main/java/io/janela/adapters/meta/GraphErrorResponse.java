package io.janela.adapters.meta;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.janela.domain.message.MetaError;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Meta's failing answer: {@code {"error":{"message","type","code","error_data":{"details"},
 * "error_subcode","fbtrace_id"}}}.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record GraphErrorResponse(GraphError error) {

    /** True when the body really was Meta's error JSON, not just any JSON. */
    public boolean isMetaError() {
        return error != null && error.code() != null;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GraphError(
            String message,
            String type,
            Integer code,
            @JsonProperty("error_data") ErrorData errorData,
            @JsonProperty("error_subcode") Integer errorSubcode,
            @JsonProperty("fbtrace_id") String fbtraceId) {

        public MetaError toMetaError() {
            return new MetaError(code, type, message, errorData == null ? null : errorData.details());
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ErrorData(String details) {
    }
}
