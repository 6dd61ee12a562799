package ler.platform.web;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.AutoConfiguration;

/**
 * JSON input is read as written: each field once, and each value of the JSON type the
 * field has (no number or boolean turned into text, no text into a number or boolean).
 * With the same field twice ({@code "legalProcess"} twice) Jackson keeps the last value
 * while other parsers keep the first, so the validator and a downstream reader could see
 * different requests; such a body is refused with 400 naming the field (rule
 * {@code duplicate-field}, see {@link ProblemAdvice}). Applies to every JSON body a
 * service reads with Boot's mapper, in every service.
 */
@AutoConfiguration
public class StrictJsonAutoConfiguration {

	@Bean
	JsonMapperBuilderCustomizer strictDuplicateDetection() {
		return (builder) -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			// a number or true/false where text is expected is the wrong JSON type (400
			// naming the field), never silently turned into "42" or "true" and recorded
			.withCoercionConfig(LogicalType.Textual,
					(text) -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			// and text where a number or true/false is expected likewise
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
	}

}
