/**
 * RFC 9457 problem+json for every error answer, and its OpenAPI description. A service
 * maps its own domain exceptions in a subclass of {@link ler.platform.web.ProblemAdvice}.
 */
package ler.platform.web;
