package ler.localstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.Uuid;

/**
 * The whole system on one machine: a real Apache Kafka broker (KRaft), the MongoDB-wire
 * store on an H2 file, and the three services, each in its own JVM as in production. With
 * {@code KAFKA_BOOTSTRAP_SERVERS} or {@code MONGODB_URI} set it uses those and starts
 * none of its own.
 */
public final class LocalStack implements AutoCloseable {

	public static final List<String> SERVICES = List.of("intake-service", "review-service", "reporting-service");

	/**
	 * The identity provider: started first of the services when
	 * {@link Settings#servicePorts()} names it; the services get its issuer URI as
	 * {@code LER_ISSUER_URI}.
	 */
	public static final String IDENTITY_PROVIDER = "identity-service";

	private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);

	private final Settings settings;

	// synchronized: a shutdown hook (closeOnExit) may close the stack while it starts one
	// more
	private final Map<String, Process> processes = java.util.Collections.synchronizedMap(new LinkedHashMap<>());

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final KafkaAccess.TopicSettings topics = KafkaAccess.TopicSettings.fromEnvironment(System.getenv());

	/** The local broker's principals and passwords; null with an external broker. */
	private final KafkaAccess kafkaAccess;

	/**
	 * Review's audit seal secret (ADR 17) and, as {@code unkeyed-until}, when it was
	 * made: histories a data directory of an earlier version holds were sealed before it.
	 */
	private final Map<String, String> auditSeal;

	/**
	 * A stack over {@code settings}; its data directory is made (or, from an earlier
	 * version, turned) readable by its owner only: it holds the store's file and the
	 * broker's log, which carry customers' identifiers, and the generated secrets.
	 * @throws UncheckedIOException when the data directory cannot be made or restricted
	 */
	public LocalStack(Settings settings) {
		this.settings = settings;
		ownerOnly(settings.dataDir());
		this.kafkaAccess = (settings.externalKafka() == null)
				? KafkaAccess.inFile(settings.dataDir().resolve("kafka").resolve("credentials.properties")) : null;
		this.auditSeal = SecretsFile.readOrMake(settings.dataDir().resolve("review").resolve("audit-seal.properties"),
				Map.of("secret", SecretsFile::random, "unkeyed-until", () -> Instant.now().toString()),
				"The secret review seals case histories with (ADR 17), and when it was made (generated)");
	}

	/**
	 * Makes {@code directory} (and its parents, if missing) and gives it the permissions
	 * {@code rwx------} where the file system has POSIX permissions: nothing under it is
	 * then reachable by another local user, whatever the modes of the files the broker
	 * and the store write there.
	 */
	static void ownerOnly(Path directory) {
		try {
			Files.createDirectories(directory);
			if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
				Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Where things live and listen.
	 *
	 * @param root the repository root (service jars are under {@code <service>/target})
	 * @param dataDir broker log, store file and service logs
	 * @param externalKafka bootstrap servers to use instead of starting a broker, or null
	 * @param externalMongo a MongoDB URI to use instead of starting the store, or null
	 */
	public record Settings(Path root, Path dataDir, int kafkaPort, int controllerPort, int mongoPort,
			Map<String, Integer> servicePorts, String externalKafka, String externalMongo,
			Map<String, String> serviceEnvironment) {

		public Settings(Path root, Path dataDir, int kafkaPort, int controllerPort, int mongoPort,
				Map<String, Integer> servicePorts, String externalKafka, String externalMongo) {
			this(root, dataDir, kafkaPort, controllerPort, mongoPort, servicePorts, externalKafka, externalMongo,
					Map.of());
		}

		public static Settings fromEnvironment(Map<String, String> env) {
			Path root = Path.of(env.getOrDefault("LER_ROOT", System.getProperty("ler.root", ".")))
				.toAbsolutePath()
				.normalize();
			Map<String, Integer> ports = new LinkedHashMap<>();
			ports.put("intake-service", Integer.parseInt(env.getOrDefault("LER_INTAKE_PORT", "8081")));
			ports.put("review-service", Integer.parseInt(env.getOrDefault("LER_REVIEW_PORT", "8082")));
			ports.put("reporting-service", Integer.parseInt(env.getOrDefault("LER_REPORTING_PORT", "8083")));
			ports.put(IDENTITY_PROVIDER, Integer.parseInt(env.getOrDefault("LER_IDENTITY_PORT", "9000")));
			return new Settings(root,
					Path.of(env.getOrDefault("LER_DATA_DIR", root.resolve(".local-stack").toString())),
					Integer.parseInt(env.getOrDefault("LER_KAFKA_PORT", "9092")),
					Integer.parseInt(env.getOrDefault("LER_KAFKA_CONTROLLER_PORT", "9093")),
					Integer.parseInt(env.getOrDefault("LER_MONGO_PORT", "27017")), ports,
					blankToNull(env.get("KAFKA_BOOTSTRAP_SERVERS")), blankToNull(env.get("MONGODB_URI")));
		}

		public String kafka() {
			return (this.externalKafka != null) ? this.externalKafka : "127.0.0.1:" + this.kafkaPort;
		}

		public String mongo() {
			return (this.externalMongo != null) ? this.externalMongo
					: "mongodb://127.0.0.1:" + this.mongoPort + "/?retryWrites=false";
		}

		public String url(String service) {
			return "http://localhost:" + this.servicePorts.get(service);
		}

		/** The identity provider's issuer URI, or null when this stack runs none. */
		public String issuer() {
			return this.servicePorts.containsKey(IDENTITY_PROVIDER) ? url(IDENTITY_PROVIDER) : null;
		}

		private static String blankToNull(String value) {
			return (value == null || value.isBlank()) ? null : value;
		}

	}

	public Settings settings() {
		return this.settings;
	}

	/**
	 * Who may do what on this stack's broker, with the passwords (e.g. for a client of a
	 * test); null when the stack uses an external broker.
	 */
	public KafkaAccess kafkaAccess() {
		return this.kafkaAccess;
	}

	/**
	 * Starts only the broker (secured, {@link KafkaAccess}) and declares its topics and
	 * ACLs, as {@link #start()} does before the services; {@link #close()} stops it.
	 */
	public void startBroker() {
		if (this.settings.externalKafka() != null) {
			throw new IllegalStateException("this stack uses the broker at " + this.settings.externalKafka());
		}
		try {
			Files.createDirectories(logs());
			requireFree(this.settings.kafkaPort(), "LER_KAFKA_PORT");
			requireFree(this.settings.controllerPort(), "LER_KAFKA_CONTROLLER_PORT");
			startKafka();
			awaitPort("Kafka broker", this.settings.kafkaPort());
			declareTopics();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The processes this stack runs, by name ({@code kafka}, {@code mongo-store}, each
	 * service or instance), e.g. for the benchmark to read their memory use.
	 */
	public Map<String, ProcessHandle> processes() {
		Map<String, ProcessHandle> handles = new LinkedHashMap<>();
		this.processes.forEach((name, process) -> handles.put(name, process.toHandle()));
		return handles;
	}

	/** Starts everything and returns once every service reports ready. */
	public void start() {
		try {
			Files.createDirectories(logs());
			boolean identity = this.settings.issuer() != null;
			for (String service : identity ? withIdentity() : SERVICES) {
				Path jar = jar(service);
				if (!Files.isRegularFile(jar)) {
					throw new IllegalStateException("No " + jar + ": build first (./mvnw -DskipTests package)");
				}
			}
			if (this.settings.externalMongo() == null) {
				requireFree(this.settings.mongoPort(), "LER_MONGO_PORT");
				startMongo();
			}
			if (this.settings.externalKafka() == null) {
				requireFree(this.settings.kafkaPort(), "LER_KAFKA_PORT");
				requireFree(this.settings.controllerPort(), "LER_KAFKA_CONTROLLER_PORT");
				startKafka();
			}
			for (String service : SERVICES) {
				requireFree(this.settings.servicePorts().get(service),
						"LER_" + service.replace("-service", "").toUpperCase() + "_PORT");
			}
			if (identity) {
				requireFree(this.settings.servicePorts().get(IDENTITY_PROVIDER), "LER_IDENTITY_PORT");
			}
			awaitPort("MongoDB-wire store", this.settings.externalMongo() == null ? this.settings.mongoPort() : -1);
			if (identity) {
				// first of the services, as soon as the store it keeps its register in is
				// up
				startService(IDENTITY_PROVIDER);
			}
			awaitPort("Kafka broker", this.settings.externalKafka() == null ? this.settings.kafkaPort() : -1);
			// the admin step: topics (and on the own broker ACLs) before any service
			// checks them
			declareTopics();
			for (String service : SERVICES) {
				startService(service);
			}
			for (String service : identity ? withIdentity() : SERVICES) {
				awaitReady(service);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Starts one service (again), e.g. after {@link #kill(String)}. */
	public void startService(String service) throws IOException {
		startInstance(service, service, this.settings.servicePorts().get(service));
	}

	/**
	 * Starts an instance of a service under its own name and port: a second instance
	 * joins the same consumer groups and shares the partitions with the first.
	 */
	public void startInstance(String service, String instance, int port) throws IOException {
		startInstance(service, instance, port, Map.of());
	}

	/**
	 * Each service's JVM, sized from measurement (docs/benchmarks.md, issue 13) to stay
	 * under 300 MB resident under load: heap, metaspace, code cache and thread stacks
	 * bounded; the serial collector (no GC threads to feed on 2 cores) and C1 only
	 * (quicker to start, less code cache); no temporary direct buffer above 256 KB kept
	 * per thread (the JDK's default keeps one as large as the largest socket read or
	 * write through a heap buffer: 16 MB of a rebuilding reporting's RSS). Production
	 * sets its own through {@code JAVA_TOOL_OPTIONS} (k8s/base).
	 */
	static final List<String> SERVICE_JVM = List.of("-Xms64m", "-Xmx128m", "-XX:MaxMetaspaceSize=160m",
			"-XX:ReservedCodeCacheSize=48m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
			"-XX:+ExitOnOutOfMemoryError", "-Djdk.nio.maxCachedBufferSize=262144");

	/**
	 * Starts an instance as {@link #startInstance(String, String, int)} does, with
	 * {@code environment} added to (or overriding) the stack's own for this instance
	 * only.
	 */
	public void startInstance(String service, String instance, int port, Map<String, String> environment)
			throws IOException {
		List<String> command = new ArrayList<>(List.of(java()));
		command.addAll(SERVICE_JVM);
		command.addAll(List.of("-jar", jar(service).toString()));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(logs().resolve(instance + ".log").toFile()));
		Map<String, String> env = builder.environment();
		// glibc's default of up to eight malloc arenas per core is resident memory a
		// JVM with few threads does not need
		env.put("MALLOC_ARENA_MAX", "2");
		env.put("PORT", String.valueOf(port));
		env.put("KAFKA_BOOTSTRAP_SERVERS", this.settings.kafka());
		if (this.kafkaAccess != null && KafkaAccess.DEAD_LETTER_TOPICS.containsKey(service)) {
			// the service logs in to the stack's broker as its own principal
			env.putAll(this.kafkaAccess.serviceEnvironment(service));
		}
		env.put("MONGODB_URI", this.settings.mongo());
		env.put("SPRING_MONGODB_DATABASE", "ler_" + service.replace("-service", ""));
		if (service.equals("review-service")) {
			env.put("LER_AUDIT_SEAL_SECRET", this.auditSeal.get("secret"));
			env.put("LER_AUDIT_UNKEYED_UNTIL", this.auditSeal.get("unkeyed-until"));
		}
		if (this.settings.issuer() != null) {
			env.put("LER_ISSUER_URI", this.settings.issuer());
			env.put("LER_IDENTITY_DATA_DIR", this.settings.dataDir().resolve("identity").toString());
			// the dashboard signs in through the provider, which only redirects back to
			// the URIs registered for it: this stack's reporting port
			String dashboard = this.settings.url("reporting-service");
			env.put("LER_DASHBOARD_REDIRECT_URI", dashboard + "/login/oauth2/code/ler-dashboard");
			env.put("LER_DASHBOARD_URI", dashboard + "/");
		}
		env.putAll(this.settings.serviceEnvironment());
		env.putAll(environment);
		this.processes.put(instance, builder.start());
	}

	/** Waits until the instance on {@code port} reports ready. */
	public void awaitReady(String instance, int port) {
		awaitReady(instance, URI.create("http://localhost:" + port + "/actuator/health/readiness"));
	}

	/**
	 * Stops the broker (as an operator would, gracefully) and starts it again on the same
	 * log.
	 */
	public void restartBroker() throws IOException, InterruptedException {
		Process broker = this.processes.remove("kafka");
		if (broker == null) {
			throw new IllegalStateException("this stack runs no broker of its own");
		}
		broker.destroy();
		if (!broker.waitFor(60, TimeUnit.SECONDS)) {
			broker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		startKafka();
		awaitPort("Kafka broker", this.settings.kafkaPort());
	}

	/**
	 * Stops the store as an operator would (SIGTERM: it closes its file, so the data stay
	 * for {@link #startStore()}).
	 */
	public void stopStore() throws InterruptedException {
		Process store = this.processes.remove("mongo-store");
		if (store == null) {
			throw new IllegalStateException("this stack runs no store of its own");
		}
		store.destroy();
		if (!store.waitFor(60, TimeUnit.SECONDS)) {
			store.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	/** Starts the store again on the same file, after {@link #stopStore()}. */
	public void startStore() throws IOException {
		startMongo();
		awaitPort("MongoDB-wire store", this.settings.mongoPort());
	}

	/**
	 * Kills a service the hard way ({@code kill -9}): no shutdown hook, no graceful
	 * close.
	 */
	public void kill(String service) throws InterruptedException {
		Process process = this.processes.remove(service);
		if (process != null) {
			process.destroyForcibly();
			process.waitFor(30, TimeUnit.SECONDS);
		}
	}

	public void awaitReady(String service) {
		awaitReady(service, URI.create(this.settings.url(service) + "/actuator/health/readiness"));
	}

	private void awaitReady(String service, URI readiness) {
		Instant deadline = Instant.now().plus(READY_TIMEOUT);
		while (Instant.now().isBefore(deadline)) {
			Process process = this.processes.get(service);
			if (process != null && !process.isAlive()) {
				throw new IllegalStateException(
						service + " exited with " + process.exitValue() + "; see " + logs().resolve(service + ".log"));
			}
			try {
				HttpResponse<Void> answer = this.http.send(
						HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
						HttpResponse.BodyHandlers.discarding());
				if (answer.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			pause();
		}
		throw new IllegalStateException(
				service + " not ready after " + READY_TIMEOUT + "; see " + logs().resolve(service + ".log"));
	}

	/**
	 * Closes this stack when the JVM exits (Ctrl-C, SIGTERM, {@code System.exit}) if it
	 * is still running then: a harness stopped midway leaves no broker, store or service
	 * behind (their processes outlive the JVM that started them).
	 * @return this stack
	 */
	public LocalStack closeOnExit() {
		Runtime.getRuntime().addShutdownHook(new Thread(this::close, "local-stack-close-on-exit"));
		return this;
	}

	/**
	 * Stops the services, then the broker, then the store, each gracefully (30 s, then
	 * forcibly). Safe to call again, and from another thread: what is stopped already is
	 * left alone.
	 */
	@Override
	public void close() {
		List<String> names;
		synchronized (this.processes) {
			names = new ArrayList<>(this.processes.keySet());
		}
		java.util.Collections.reverse(names);
		for (String name : names) {
			Process process = this.processes.remove(name);
			if (process == null) {
				// stopped meanwhile by another close (a shutdown hook, the harness)
				continue;
			}
			process.destroy();
			try {
				if (!process.waitFor(30, TimeUnit.SECONDS)) {
					process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * The admin step (issue 14: topics are declared, never created by whoever uses them
	 * first): on the own broker as its admin, with the ACLs; on an external broker with
	 * the login of {@code LER_KAFKA_*} if set, topics only.
	 */
	private void declareTopics() {
		Map<String, Object> client;
		boolean own = this.kafkaAccess != null;
		if (own) {
			client = new LinkedHashMap<>(this.kafkaAccess.client(this.settings.kafka(), KafkaAccess.ADMIN));
		}
		else {
			client = new LinkedHashMap<>();
			client.put("bootstrap.servers", this.settings.kafka());
			String user = System.getenv("LER_KAFKA_USERNAME");
			if (user != null && !user.isBlank()) {
				client.putAll(KafkaAccess.login(user, System.getenv("LER_KAFKA_PASSWORD")));
				client.put("security.protocol",
						System.getenv().getOrDefault("LER_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT"));
			}
		}
		client.put("default.api.timeout.ms", 60000);
		try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(client)) {
			KafkaAccess.declare(admin, this.topics, own);
		}
	}

	private void startMongo() throws IOException {
		start("mongo-store",
				List.of(java(), "-Xmx768m", "-cp", classpath(), MongoStore.class.getName(),
						this.settings.dataDir().resolve("mongo").resolve("store.h2").toString(),
						String.valueOf(this.settings.mongoPort())));
	}

	private void startKafka() throws IOException {
		Path kafkaDir = this.settings.dataDir().resolve("kafka");
		Files.createDirectories(kafkaDir);
		Path properties = kafkaDir.resolve("server.properties");
		List<String> lines = new ArrayList<>(List.of("process.roles=broker,controller", "node.id=1",
				"controller.quorum.voters=1@127.0.0.1:" + this.settings.controllerPort(),
				"controller.listener.names=CONTROLLER", "log.dirs=" + kafkaDir.resolve("data").toAbsolutePath(),
				"num.partitions=3", "offsets.topic.replication.factor=1", "transaction.state.log.replication.factor=1",
				"transaction.state.log.min.isr=1", "group.initial.rebalance.delay.ms=0",
				"# the event log is the system of record: keep every event", "log.retention.ms=-1"));
		lines.addAll(this.kafkaAccess.brokerProperties(this.settings.kafkaPort(), this.settings.controllerPort()));
		lines.add("");
		// the file holds the admin's password: the owner's only, as
		// credentials.properties
		if (!Files.exists(properties)
				&& java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			Files.createFile(properties, java.nio.file.attribute.PosixFilePermissions
				.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
		}
		Files.writeString(properties, String.join("\n", lines));
		if (java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			// also a file an older launcher wrote
			Files.setPosixFilePermissions(properties,
					java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
		}
		// format once: a formatted log directory keeps its cluster id, and with it the
		// data; the principals' SCRAM credentials go into its metadata log
		Path formatted = kafkaDir.resolve("data").resolve("meta.properties");
		Path secured = kafkaDir.resolve("data").resolve("ler-scram-credentials");
		if (Files.exists(formatted) && !Files.exists(secured)) {
			addPrincipals(kafkaDir, lines.subList(0, lines.indexOf("log.retention.ms=-1") + 1));
			Files.writeString(secured, "SCRAM-SHA-512 principals: " + KafkaAccess.principals() + "\n");
		}
		if (!Files.exists(formatted)) {
			List<String> command = new ArrayList<>(
					List.of(java(), "-Xmx256m", "-cp", classpath(), "kafka.tools.StorageTool", "format", "-t",
							Uuid.randomUuid().toString(), "-c", properties.toString()));
			command.addAll(this.kafkaAccess.formatArguments());
			Process format = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(logs().resolve("kafka.log").toFile()))
				.start();
			try {
				if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
					throw new IllegalStateException(
							"formatting the Kafka log failed; see " + logs().resolve("kafka.log"));
				}
				// a marker: this log has the principals of credentials.properties
				Files.writeString(secured, "SCRAM-SHA-512 principals: " + KafkaAccess.principals() + "\n");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		start("kafka", List.of(java(), "-Xmx768m", "-cp", classpath(), "kafka.Kafka", properties.toString()));
	}

	/**
	 * A log formatted before the broker had security (an older {@code ./run.sh}): starts
	 * the broker once as it was then (PLAINTEXT, no authorizer, on this machine's
	 * loopback only), adds every principal's SCRAM credentials to its metadata log and
	 * stops it, so the events it holds are kept.
	 */
	private void addPrincipals(Path kafkaDir, List<String> common) throws IOException {
		System.out.println("Adding the Kafka principals to the existing log (once)...");
		Path plain = kafkaDir.resolve("server-before-security.properties");
		List<String> lines = new ArrayList<>(common);
		lines.addAll(List.of(
				"listeners=PLAINTEXT://127.0.0.1:" + this.settings.kafkaPort() + ",CONTROLLER://127.0.0.1:"
						+ this.settings.controllerPort(),
				"advertised.listeners=PLAINTEXT://127.0.0.1:" + this.settings.kafkaPort(),
				"listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
				"inter.broker.listener.name=PLAINTEXT", "auto.create.topics.enable=false", ""));
		Files.writeString(plain, String.join("\n", lines));
		start("kafka", List.of(java(), "-Xmx768m", "-cp", classpath(), "kafka.Kafka", plain.toString()));
		Process broker = this.processes.remove("kafka");
		try {
			awaitPort("Kafka broker", this.settings.kafkaPort());
			try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin
				.create(Map.of("bootstrap.servers", this.settings.kafka(), "default.api.timeout.ms", 60000))) {
				List<org.apache.kafka.clients.admin.UserScramCredentialAlteration> upserts = new ArrayList<>();
				for (String principal : KafkaAccess.principals()) {
					upserts.add(new org.apache.kafka.clients.admin.UserScramCredentialUpsertion(principal,
							new org.apache.kafka.clients.admin.ScramCredentialInfo(
									org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_512, 8192),
							this.kafkaAccess.password(principal)));
				}
				admin.alterUserScramCredentials(upserts).all().get(60, TimeUnit.SECONDS);
			}
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
			throw new IllegalStateException("adding the Kafka principals to " + kafkaDir + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		finally {
			broker.destroy();
			try {
				if (!broker.waitFor(60, TimeUnit.SECONDS)) {
					broker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			Files.deleteIfExists(plain);
		}
		// the port must be free again before the secured broker binds it
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (Instant.now().isBefore(deadline)) {
			try {
				requireFree(this.settings.kafkaPort(), "LER_KAFKA_PORT");
				requireFree(this.settings.controllerPort(), "LER_KAFKA_CONTROLLER_PORT");
				return;
			}
			catch (IllegalStateException ex) {
				pause();
			}
		}
	}

	private void start(String name, List<String> command) throws IOException {
		this.processes.put(name,
				new ProcessBuilder(command).redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.appendTo(logs().resolve(name + ".log").toFile()))
					.start());
	}

	private void awaitPort(String what, int port) {
		if (port < 0) {
			return;
		}
		Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
		while (Instant.now().isBefore(deadline)) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
				return;
			}
			catch (IOException ex) {
				pause();
			}
		}
		throw new IllegalStateException(what + " did not open port " + port + "; see " + logs());
	}

	private static void requireFree(int port, String variable) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("127.0.0.1", port));
		}
		catch (IOException ex) {
			throw new IllegalStateException(
					"Port " + port + " is in use: stop what uses it, or set " + variable + " to another port");
		}
	}

	private static List<String> withIdentity() {
		List<String> all = new ArrayList<>(List.of(IDENTITY_PROVIDER));
		all.addAll(SERVICES);
		return all;
	}

	private Path logs() {
		return this.settings.dataDir().resolve("logs");
	}

	private Path jar(String service) {
		return this.settings.root().resolve(service).resolve("target").resolve(service + ".jar");
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static String classpath() {
		return System.getProperty("java.class.path");
	}

	private static void pause() {
		try {
			// child processes and ports give no readiness signal of their own: poll them
			Thread.sleep(250);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public static void main(String[] args) throws InterruptedException {
		Settings settings = Settings.fromEnvironment(System.getenv());
		LocalStack stack = new LocalStack(settings);
		boolean brokerOnly = List.of(args).contains("--broker-only");
		if (args.length > (brokerOnly ? 1 : 0)) {
			System.err.println("usage: LocalStack [--broker-only]");
			System.exit(2);
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			System.out.println("Stopping...");
			stack.close();
			System.out.println("Stopped.");
			stopped.countDown();
		}, "local-stack-shutdown"));
		if (brokerOnly) {
			// a restore copies the topics into a broker no service uses yet
			// (docs/backup-restore.md)
			System.out.println("Starting only the Kafka broker...");
			try {
				stack.startBroker();
			}
			catch (RuntimeException ex) {
				System.err.println("Could not start: " + ex.getMessage());
				System.exit(1);
			}
			System.out.println("  Kafka      " + settings.kafka() + "  (SASL_PLAINTEXT, SCRAM-SHA-512; logins in "
					+ settings.dataDir().resolve("kafka").resolve("credentials.properties") + ")");
			System.out.println("Ctrl-C stops it.");
			stopped.await();
			return;
		}
		System.out.println("Starting " + (settings.externalKafka() == null ? "a Kafka broker, " : "")
				+ (settings.externalMongo() == null ? "the MongoDB-wire store, " : "")
				+ "the identity provider and the three services...");
		long started = System.nanoTime();
		try {
			stack.start();
		}
		catch (RuntimeException ex) {
			System.err.println("Could not start: " + ex.getMessage());
			System.exit(1);
		}
		System.out.printf("%nUp in %d s.%n", Duration.ofNanos(System.nanoTime() - started).toSeconds());
		System.out.println("  identity   " + settings.issuer() + "  (sign in: see the README)");
		System.out.println("  intake     " + settings.url("intake-service") + "/api/requests");
		System.out.println("  review     " + settings.url("review-service") + "/api/reviews");
		System.out.println("  reporting  " + settings.url("reporting-service") + "/api/statistics");
		System.out.println("  dashboard  " + settings.url("reporting-service") + "/");
		System.out
			.println(
					"  Kafka      " + settings.kafka()
							+ ((stack.kafkaAccess() != null) ? "  (SASL_PLAINTEXT, SCRAM-SHA-512; logins in "
									+ settings.dataDir().resolve("kafka").resolve("credentials.properties") + ")"
									: ""));
		System.out.println("  MongoDB    " + settings.mongo());
		System.out.println("  data, logs " + settings.dataDir() + File.separator);
		System.out.println("Ctrl-C stops everything.");
		stopped.await();
	}

}
