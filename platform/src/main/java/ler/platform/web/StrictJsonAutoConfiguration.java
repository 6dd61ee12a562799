package ler.platform.web;

import tools.jackson.core.StreamReadFeature;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.AutoConfiguration;

/**
 * JSON input names each field once. With the same field twice ({@code "legalProcess"}
 * twice) Jackson keeps the last value while other parsers keep the first, so the
 * validator and a downstream reader could see different requests; such a body is refused
 * with 400 naming the field (rule {@code duplicate-field}, see {@link ProblemAdvice}).
 * Applies to every JSON body a service reads with Boot's mapper, in every service.
 */
@AutoConfiguration
public class StrictJsonAutoConfiguration {

	@Bean
	JsonMapperBuilderCustomizer strictDuplicateDetection() {
		return (builder) -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
	}

}
