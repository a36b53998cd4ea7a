package dev.netpilot.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netpilot.job.JobJson;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** Responses use the same JSON form as the records in Redis. */
@Singleton
public class JsonSetup implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        JobJson.configure(mapper);
    }
}
