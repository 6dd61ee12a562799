package ler.intake.web;

import tools.jackson.core.StreamReadFeature;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * JSON input names each field once. With the same field twice ({@code "legalProcess"}
 * twice) Jackson keeps the last value while other parsers keep the first, so the
 * validator and a downstream reader could see different requests; such a body is refused
 * with 400 naming the field (rule {@code duplicate-field}). Applies to every JSON body
 * and to the multipart {@code request} part, which are read with this mapper.
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

	@Bean
	JsonMapperBuilderCustomizer strictDuplicateDetection() {
		return (builder) -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
	}

}
