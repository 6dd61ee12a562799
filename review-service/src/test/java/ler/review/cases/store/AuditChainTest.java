package ler.review.cases.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import ler.review.cases.model.ReviewCase.HistoryEntry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Seals keyed with a secret outside the store (ADR 17): someone who can write the store
 * but lacks the secret cannot make an altered history pass, whether they reseal it
 * unkeyed, with a secret of their own, or strip its seals.
 */
class AuditChainTest {

	static final String SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef";

	static final String ROTATED = "fedcba9876543210fedcba9876543210fedcba9876543210";

	static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

	final UUID id = UUID.randomUUID();

	@Test
	void keyedSealsVerifyAndAHistoryResealedWithoutTheSecretIsFound() {
		AuditChain chain = keyed(SECRET, List.of(), "");
		List<HistoryEntry> sealed = chain.sealed(this.id, entries(3));
		assertThat(sealed).allSatisfy((e) -> assertThat(e.seal()).matches("hmac-sha256:[0-9a-f]{8}:[0-9a-f]{64}"));
		assertThat(chain.verify(this.id, sealed)).isTrue();
		assertThat(chain.brokenSeen()).isFalse();

		// who decided is rewritten, and the chain computed again without the secret
		List<HistoryEntry> altered = unsealed(sealed);
		altered.set(1, new HistoryEntry(altered.get(1).at(), "someone-else", altered.get(1).action(),
				altered.get(1).detail()));
		assertThat(keyed(SECRET, List.of(), "").verify(this.id, new AuditChain().sealed(this.id, altered))).isFalse();
		// ... with a secret of the forger's own
		assertThat(keyed(SECRET, List.of(), "").verify(this.id, keyed(ROTATED, List.of(), "").sealed(this.id, altered)))
			.isFalse();
		// ... or with every seal stripped, as if stored before seals existed
		AuditChain reader = keyed(SECRET, List.of(), "");
		assertThat(reader.verify(this.id, altered)).isFalse();
		assertThat(reader.brokenSeen()).isTrue();
		// the same key id with another MAC
		List<HistoryEntry> forged = new ArrayList<>(sealed);
		String seal = sealed.get(2).seal();
		forged.set(2, withSeal(sealed.get(2), seal.substring(0, seal.length() - 1) + (seal.endsWith("0") ? "1" : "0")));
		assertThat(keyed(SECRET, List.of(), "").verify(this.id, forged)).isFalse();
		// seals do not move between cases
		assertThat(keyed(SECRET, List.of(), "").verify(UUID.randomUUID(), sealed)).isFalse();
	}

	@Test
	void sealsMadeBeforeARotationVerifyWithThePreviousSecret() {
		List<HistoryEntry> before = keyed(SECRET, List.of(), "").sealed(this.id, entries(2));
		AuditChain rotated = keyed(ROTATED, List.of(SECRET), "");
		assertThat(rotated.verify(this.id, before)).isTrue();
		List<HistoryEntry> longer = new ArrayList<>(before);
		longer.add(new HistoryEntry(T.plusSeconds(60), "counsel-2", "DECIDED", "after the rotation"));
		List<HistoryEntry> after = rotated.sealed(this.id, longer);
		assertThat(after.get(2).seal())
			.isNotEqualTo(keyed(SECRET, List.of(), "").sealed(this.id, longer).get(2).seal());
		assertThat(rotated.verify(this.id, after)).isTrue();
		// a secret dropped from the list no longer vouches for its seals
		assertThat(keyed(ROTATED, List.of(), "").verify(this.id, after)).isFalse();
	}

	@Test
	void historiesSealedBeforeTheSecretAreTakenOnlyUpToTheCutOffAndOnlyAheadOfKeyedSeals() {
		List<HistoryEntry> old = new AuditChain().sealed(this.id, entries(2));
		assertThat(old).allSatisfy((e) -> assertThat(e.seal()).hasSize(64));
		String cutOff = T.plusSeconds(3600).toString();
		assertThat(keyed(SECRET, List.of(), cutOff).verify(this.id, old)).isTrue();
		assertThat(keyed(SECRET, List.of(), cutOff).verify(this.id, unsealed(old))).isTrue();
		// a new deployment takes none; a cut-off before the entries takes none
		assertThat(keyed(SECRET, List.of(), "").verify(this.id, old)).isFalse();
		assertThat(keyed(SECRET, List.of(), T.toString()).verify(this.id, old)).isFalse();

		// the next write chains keyed seals on, the old ones kept
		AuditChain chain = keyed(SECRET, List.of(), cutOff);
		List<HistoryEntry> longer = new ArrayList<>(old);
		longer.add(new HistoryEntry(T.plusSeconds(7200), "counsel-2", "DECIDED", "after the upgrade"));
		List<HistoryEntry> mixed = chain.sealed(this.id, longer);
		assertThat(mixed.get(0).seal()).isEqualTo(old.get(0).seal());
		assertThat(chain.verify(this.id, mixed)).isTrue();
		// an unkeyed seal after a keyed one is a downgrade, even before the cut-off
		List<HistoryEntry> downgraded = new ArrayList<>(mixed);
		downgraded.add(new HistoryEntry(T.plusSeconds(60), "counsel-3", "AMENDED", "backdated"));
		downgraded.set(3, withSeal(downgraded.get(3), AuditChain.unkeyedSeal(mixed.get(2).seal(), downgraded.get(3))));
		assertThat(keyed(SECRET, List.of(), cutOff).verify(this.id, downgraded)).isFalse();
	}

	@Test
	void aShortSecretOrAnUnreadableCutOffStopsTheStartNamingThePropertyNotTheValue() {
		assertThatThrownBy(() -> keyed("too-short-a-secret", List.of(), ""))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("ler.review.audit.seal-secret")
			.hasMessageNotContaining("too-short-a-secret");
		assertThatThrownBy(() -> keyed(SECRET, List.of("short-previous"), ""))
			.hasMessageContaining("ler.review.audit.previous-seal-secrets")
			.hasMessageNotContaining("short-previous");
		assertThatThrownBy(() -> keyed(SECRET, List.of(), "yesterday"))
			.hasMessageContaining("ler.review.audit.unkeyed-until");
		assertThat(new AuditSealProperties(SECRET, List.of(ROTATED), "").toString()).doesNotContain(SECRET)
			.doesNotContain(ROTATED);
	}

	private static AuditChain keyed(String secret, List<String> previous, String unkeyedUntil) {
		return new AuditChain(new AuditSealProperties(secret, previous, unkeyedUntil));
	}

	private static List<HistoryEntry> entries(int n) {
		List<HistoryEntry> entries = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			entries.add(new HistoryEntry(T.plusSeconds(i), (i == 0) ? "review-service" : "counsel-1",
					(i == 0) ? "OPENED" : "DECIDED", "step " + i));
		}
		return entries;
	}

	private static List<HistoryEntry> unsealed(List<HistoryEntry> history) {
		return new ArrayList<>(history.stream().map((e) -> withSeal(e, null)).toList());
	}

	private static HistoryEntry withSeal(HistoryEntry e, String seal) {
		return new HistoryEntry(e.at(), e.actor(), e.action(), e.detail(), seal);
	}

}
