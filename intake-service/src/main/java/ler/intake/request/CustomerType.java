package ler.intake.request;

/** Enterprise: an organisation with more than 50 seats; reported in its own section. */
public enum CustomerType {

	CONSUMER, ENTERPRISE

}
