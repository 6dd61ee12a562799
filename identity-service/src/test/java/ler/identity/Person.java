package ler.identity;

/**
 * A seeded person as a test signs them in: the demo accounts of
 * {@code seed/accounts.json} (documented in the README) and the test-only ones of
 * {@code seed/test-accounts.json}.
 */
record Person(String id, String username, String password, String totpSecret) {

	static final Person COUNSEL = new Person("8d3c9e15-4f6a-4b7c-8d9e-0f1a2b3c4d5e", "counsel", "demo-counsel",
			"UD47Y7OKKFP5IBVEKMAFDCBWEG3UPEXK");

	static final Person LIAISON_MET = new Person("0b9f3c52-1d4e-4f6a-9b8c-7d6e5f4a3b21", "liaison.met",
			"demo-liaison-met", "C4PCCWNIR5CLQLYCO7D2XXVVLAZHE263");

	static final Person EXECUTIVE = new Person("b06f2b48-7c9d-4e0f-9a2b-3c4d5e6f7a8b", "executive", "demo-executive",
			null);

	static final Person ADMIN = new Person("d2814d6a-9e1f-4a2b-9c4d-5e6f7a8b9c0d", "admin", "demo-admin",
			"QNA6KZXWTBFW3HYMYKVM2XFCXB2QGQPG");

	static final Person OFFICER_PENDING = new Person("5e1a7b93-2c4d-4e8f-a6b7-c8d9e0f1a2b3", "officer.pending",
			"demo-officer-pending", "QGPCKPH5JSW2VGU4KENNLKYESQES5UDY");

	static final Person OFFICER_SUSPENDED = new Person("7a2b8c04-3d5e-4f6a-b7c8-d9e0f1a2b3c4", "officer.suspended",
			"demo-officer-suspended", "OUPABPUMEZN5RIR4KSR6HIEW6PH2GFDK");

	static final Person TEST_LOCKOUT = new Person("e3925e7b-0f2a-4b3c-8d5e-6f7a8b9c0d1e", "test.lockout",
			"test-lockout", "AQZ4G56J75JCMZEV3YMEKJMPEGCGU3G7");

	static final Person TEST_NEWCOMER = new Person("f4a36f8c-1a3b-4c4d-9e6f-7a8b9c0d1e2f", "test.newcomer",
			"test-newcomer", "M7BB7O2VWAIGJKBU5OIKBKOIXDYVYVPU");

	static final Person TEST_TOTP = new Person("05b4708d-2b4c-4d5e-8f7a-8b9c0d1e2f3a", "test.totp", "test-totp",
			"JWKVNCZQCHW7GATOBW7E4UQ5XI5MKIMD");

}
