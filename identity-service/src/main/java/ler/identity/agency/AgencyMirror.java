package ler.identity.agency;

import java.util.List;

/** Where the register's agencies are kept across restarts. */
public interface AgencyMirror {

	/** Keeps nothing: the register lives only in memory. */
	AgencyMirror NONE = new AgencyMirror() {

		@Override
		public List<Agency> load() {
			return List.of();
		}

		@Override
		public void save(Agency agency) {
		}

	};

	/** Every agency kept. */
	List<Agency> load();

	/** Keeps {@code agency}, replacing an earlier version. */
	void save(Agency agency);

}
