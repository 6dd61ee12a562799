package ler.platform.mongo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ler.mongodb.*}.
 *
 * @param defaultDatabase the database used when {@code spring.mongodb.uri} names none (a
 * URI shared by every service, as in k8s and docker-compose); unset, it is {@code ler_}
 * and the application name without {@code -service} ({@code review-service} uses
 * {@code ler_review})
 */
@ConfigurationProperties("ler.mongodb")
public record DatabaseProperties(String defaultDatabase) {

}
