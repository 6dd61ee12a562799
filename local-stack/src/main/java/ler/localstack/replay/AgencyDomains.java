package ler.localstack.replay;

import java.util.Map;

/** A verified government email domain per country, as in intake's default allow-list. */
final class AgencyDomains {

	private static final Map<String, String> DOMAINS = Map.ofEntries(Map.entry("AR", "policiafederal.gov.ar"),
			Map.entry("AU", "afp.gov.au"), Map.entry("BE", "police.belgium.eu"), Map.entry("BR", "dpf.gov.br"),
			Map.entry("CA", "rcmp-grc.gc.ca"), Map.entry("CL", "investigaciones.cl"), Map.entry("CO", "policia.gov.co"),
			Map.entry("CR", "poder-judicial.go.cr"), Map.entry("CZ", "policie.cz"), Map.entry("DE", "polizei.de"),
			Map.entry("DK", "politi.dk"), Map.entry("DO", "policianacional.gob.do"), Map.entry("EC", "policia.gob.ec"),
			Map.entry("ES", "policia.es"), Map.entry("FI", "poliisi.fi"), Map.entry("FR", "interieur.gouv.fr"),
			Map.entry("GB", "police.uk"), Map.entry("GR", "hellenicpolice.gr"), Map.entry("GT", "pnc.gob.gt"),
			Map.entry("HK", "police.gov.hk"), Map.entry("HU", "police.hu"), Map.entry("IE", "garda.ie"),
			Map.entry("IL", "police.gov.il"), Map.entry("IN", "cbi.gov.in"), Map.entry("IS", "logreglan.is"),
			Map.entry("IT", "poliziadistato.it"), Map.entry("JP", "npa.go.jp"), Map.entry("KR", "police.go.kr"),
			Map.entry("LU", "police.etat.lu"), Map.entry("MT", "gov.mt"), Map.entry("MX", "pgr.gob.mx"),
			Map.entry("NL", "politie.nl"), Map.entry("NO", "politiet.no"), Map.entry("NZ", "police.govt.nz"),
			Map.entry("PA", "ministeriopublico.gob.pa"), Map.entry("PE", "policia.gob.pe"),
			Map.entry("PL", "policja.gov.pl"), Map.entry("PT", "pj.pt"), Map.entry("SE", "polisen.se"),
			Map.entry("SG", "spf.gov.sg"), Map.entry("SI", "policija.si"), Map.entry("SK", "minv.sk"),
			Map.entry("SV", "pnc.gob.sv"), Map.entry("TH", "royalthaipolice.go.th"), Map.entry("TR", "egm.gov.tr"),
			Map.entry("TW", "cib.gov.tw"), Map.entry("US", "fbi.gov"), Map.entry("UY", "minterior.gub.uy"),
			Map.entry("VE", "cicpc.gob.ve"));

	private AgencyDomains() {
	}

	/** A domain for the country; an unknown country gets one counsel must verify. */
	static String of(String country) {
		return DOMAINS.getOrDefault(country, "agency." + country.toLowerCase(java.util.Locale.ROOT) + ".example");
	}

}
