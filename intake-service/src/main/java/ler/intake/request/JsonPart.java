package ler.intake.request;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebInputException;

/**
 * Reads the {@code request} part of a multipart submission as JSON, with the same mapper
 * (and so the same strictness: unknown fields, duplicate fields) and the same size limit
 * as a JSON body. Clients rarely label the part: {@code curl -F request=<file} sends it
 * without a content type, {@code curl -F request=@file.json} as
 * {@code application/octet-stream}; both are read as JSON. A part declared as anything
 * else (XML, say) is refused with 415 naming the part.
 */
@Component
class JsonPart {

	static final String NAME = "request";

	private static final Set<String> READ_AS_JSON = Set.of("application/json", "text/plain",
			"application/octet-stream");

	private final JsonMapper mapper;

	private final int maxBytes;

	JsonPart(JsonMapper mapper,
			@org.springframework.beans.factory.annotation.Value("${spring.http.codecs.max-in-memory-size}") DataSize maxBytes) {
		this.mapper = mapper;
		this.maxBytes = (int) maxBytes.toBytes();
	}

	/**
	 * @return the request, or an error: 400 naming {@code request} when the part is
	 * missing, 415 when it is declared as something other than JSON or text, 413 over the
	 * size limit, 400 naming the field for JSON that does not fit the request
	 */
	Mono<NewRequest> read(Part part) {
		if (part == null) {
			return Mono.error(new InvalidRequestException(List.of(new Violation(NAME, "required",
					"the multipart part 'request' is required: the request's JSON (application/json)"))));
		}
		MediaType type = part.headers().getContentType();
		if (type != null && !READ_AS_JSON.contains(type.getType() + "/" + type.getSubtype())
				&& !(type.getType().equals("application") && type.getSubtype().endsWith("+json"))) {
			return Mono.error(new UnsupportedPartTypeException(NAME, type.toString()));
		}
		Mono<byte[]> bytes = (part instanceof FormFieldPart field)
				? Mono.just(field.value().getBytes(StandardCharsets.UTF_8))
				: DataBufferUtils.join(part.content(), this.maxBytes).map((buffer) -> {
					byte[] content = new byte[buffer.readableByteCount()];
					buffer.read(content);
					DataBufferUtils.release(buffer);
					return content;
				});
		return bytes.defaultIfEmpty(new byte[0]).map((content) -> {
			if (content.length > this.maxBytes) {
				throw new org.springframework.core.io.buffer.DataBufferLimitException(
						"Exceeded limit on max bytes to buffer : " + this.maxBytes);
			}
			try {
				NewRequest request = this.mapper.readValue(content, NewRequest.class);
				if (request == null) {
					throw new InvalidRequestException(List.of(new Violation(NAME, "required",
							"the multipart part 'request' must hold the request's JSON object")));
				}
				return request;
			}
			catch (JacksonException ex) {
				throw new ServerWebInputException("the part 'request' is not a valid request", null, ex);
			}
		});
	}

}
