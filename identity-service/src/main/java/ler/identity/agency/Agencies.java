package ler.identity.agency;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agency register, held in memory and written through to an {@link AgencyMirror}
 * (MongoDB when configured) so that changes survive a restart.
 */
public class Agencies {

	private final Map<String, Agency> byId = new ConcurrentHashMap<>();

	private final AgencyMirror mirror;

	/**
	 * Loads what the mirror holds, then adds each seeded agency the mirror does not hold
	 * yet (an admin's change to a seeded agency wins over the seed).
	 */
	public Agencies(AgencyMirror mirror, List<Agency> seed) {
		this.mirror = mirror;
		mirror.load().forEach((agency) -> this.byId.put(agency.id(), agency));
		for (Agency agency : seed) {
			if (this.byId.putIfAbsent(agency.id(), agency) == null) {
				mirror.save(agency);
			}
		}
	}

	/** Every agency, by country then name. */
	public List<Agency> all() {
		return this.byId.values()
			.stream()
			.sorted(Comparator.comparing(Agency::country).thenComparing(Agency::name))
			.toList();
	}

	/** The agency with this id; empty for null or an unknown id. */
	public Optional<Agency> byId(String id) {
		return Optional.ofNullable(id).map(this.byId::get);
	}

	/**
	 * Registers a new agency.
	 * @throws IllegalStateException if the id is taken (ids are generated, so this is a
	 * bug)
	 */
	public Agency add(Agency agency) {
		if (this.byId.containsKey(agency.id())) {
			throw new IllegalStateException("agency id taken");
		}
		// stored first: a store that refuses it leaves nothing behind in memory either
		this.mirror.save(agency);
		if (this.byId.putIfAbsent(agency.id(), agency) != null) {
			throw new IllegalStateException("agency id taken");
		}
		return agency;
	}

}
