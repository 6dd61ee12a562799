package ler.identity.agency;

/** The kinds of authority that send requests (DOMAIN.md, "Who is asking"). */
public enum AgencyType {

	POLICE, PROSECUTOR, COURT, REGULATOR, FINANCIAL_INTELLIGENCE, TAX, INTELLIGENCE

}
