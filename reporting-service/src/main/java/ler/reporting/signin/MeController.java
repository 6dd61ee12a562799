package ler.reporting.signin;

import java.security.Principal;
import java.util.List;

import ler.platform.security.Caller;
import ler.platform.security.Role;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who is signed in, for the dashboard's header. */
@RestController
class MeController {

	/**
	 * The signed-in person as the dashboard shows them.
	 *
	 * @param name the ID token's {@code preferred_username} (else its {@code name}, else
	 * the subject); for a bearer caller the token's subject
	 * @param roles the caller's roles this system knows, sorted
	 */
	record Me(String name, List<String> roles) {
	}

	/** The caller's name and roles; nothing about any request or customer. */
	@GetMapping("/api/me")
	Mono<Me> me(Caller caller, Principal principal) {
		return Mono
			.just(new Me(DashboardSignIn.nameOf(principal), caller.roles().stream().map(Role::name).sorted().toList()));
	}

}
