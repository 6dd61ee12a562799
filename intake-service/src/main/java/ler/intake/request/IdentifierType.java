package ler.intake.request;

public enum IdentifierType {

	EMAIL, ACCOUNT_ID, PHONE, DEVICE_SERIAL, IP_ADDRESS, GAMERTAG, OTHER

}
