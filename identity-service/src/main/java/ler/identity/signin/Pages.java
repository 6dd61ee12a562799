package ler.identity.signin;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.util.HtmlUtils;

/** The provider's few HTML pages: plain forms, no script, no external resources. */
final class Pages {

	private Pages() {
	}

	static String page(String title, String body) {
		return """
				<!doctype html>
				<html lang="en">
				<head>
				<meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1">
				<title>%s</title>
				<style>
				body { font-family: system-ui, sans-serif; max-width: 24rem; margin: 4rem auto; padding: 0 1rem; }
				label { display: block; margin-top: 1rem; }
				input { width: 100%%; padding: .5rem; font-size: 1rem; box-sizing: border-box; }
				button { margin-top: 1.5rem; padding: .5rem 1.5rem; font-size: 1rem; }
				.error { color: #a00; }
				</style>
				</head>
				<body>
				<h1>%s</h1>
				%s
				</body>
				</html>
				""".formatted(HtmlUtils.htmlEscape(title), HtmlUtils.htmlEscape(title), body);
	}

	static String csrf(CsrfToken token) {
		return (token == null) ? "" : "<input type=\"hidden\" name=\"" + HtmlUtils.htmlEscape(token.getParameterName())
				+ "\" value=\"" + HtmlUtils.htmlEscape(token.getToken()) + "\">";
	}

}
