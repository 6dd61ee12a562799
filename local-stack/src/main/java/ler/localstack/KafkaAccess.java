package ler.localstack;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on the local broker, and the admin step that declares its topics. The
 * broker takes SCRAM-SHA-512 logins only (SASL_PLAINTEXT on the client port; the
 * controller port takes the admin's PLAIN login), authorizes with the StandardAuthorizer,
 * denies whatever no ACL allows, and has one super user, {@value #ADMIN}. Each service
 * logs in as its own principal (its name) with the least it needs ({@link #acls()}); the
 * passwords are generated once per data directory into
 * {@code kafka/credentials.properties} there (owner-readable only) and given to each
 * service as {@code LER_KAFKA_*}.
 */
public final class KafkaAccess {

	/** The broker's admin and only super user: the launcher acts as it. */
	public static final String ADMIN = "admin";

	/** The event topics: the system of record, kept forever. */
	public static final List<String> EVENT_TOPICS = List.of("ler.requests", "ler.decisions");

	/**
	 * The dead-letter topics, per service: the {@code dlq-name}s of the services'
	 * application.yml.
	 */
	public static final Map<String, List<String>> DEAD_LETTER_TOPICS = Map.of("intake-service",
			List.of("ler.requests.dlq.intake", "ler.decisions.dlq.intake"), "review-service",
			List.of("ler.requests.dlq.review"), "reporting-service",
			List.of("ler.requests.dlq.reporting", "ler.decisions.dlq.reporting"));

	static final String MECHANISM = "SCRAM-SHA-512";

	private static final String SCRAM_LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule";

	private static final String PLAIN_LOGIN = "org.apache.kafka.common.security.plain.PlainLoginModule";

	private final Map<String, String> passwords;

	private KafkaAccess(Map<String, String> passwords) {
		this.passwords = passwords;
	}

	/**
	 * The principals' passwords kept in {@code file}: read when it exists, otherwise
	 * generated (random, 32 bytes each) and written, readable by the owner only.
	 */
	public static KafkaAccess inFile(Path file) {
		Map<String, Supplier<String>> makers = new LinkedHashMap<>();
		for (String principal : principals()) {
			makers.put(principal, SecretsFile::random);
		}
		return new KafkaAccess(SecretsFile.readOrMake(file, makers,
				"Kafka SCRAM passwords of the local broker's principals (generated)"));
	}

	/** The admin and one principal per service, named as the service. */
	public static List<String> principals() {
		List<String> principals = new ArrayList<>(List.of(ADMIN));
		principals.addAll(LocalStack.SERVICES);
		return principals;
	}

	/** The password of a principal; unknown principals have none. */
	public String password(String principal) {
		String password = this.passwords.get(principal);
		if (password == null) {
			throw new IllegalArgumentException("no Kafka principal " + principal);
		}
		return password;
	}

	/**
	 * The broker's security settings, lines of {@code server.properties}.
	 */
	List<String> brokerProperties(int kafkaPort, int controllerPort) {
		String admin = password(ADMIN);
		return List.of(
				"listeners=SASL_PLAINTEXT://127.0.0.1:" + kafkaPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
				"advertised.listeners=SASL_PLAINTEXT://127.0.0.1:" + kafkaPort,
				"listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT",
				"inter.broker.listener.name=SASL_PLAINTEXT",
				"# clients and the broker itself log in with SCRAM-SHA-512 (credentials in the metadata log)",
				"sasl.enabled.mechanisms=" + MECHANISM, "sasl.mechanism.inter.broker.protocol=" + MECHANISM,
				"listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=" + jaas(SCRAM_LOGIN, ADMIN, admin),
				"# the controller cannot read SCRAM credentials before its own log: the admin's PLAIN login",
				"sasl.mechanism.controller.protocol=PLAIN", "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
				"listener.name.controller.plain.sasl.jaas.config=" + PLAIN_LOGIN + " required username=\"" + ADMIN
						+ "\" password=\"" + admin + "\" user_" + ADMIN + "=\"" + admin + "\";",
				"authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
				"allow.everyone.if.no.acl.found=false", "super.users=User:" + ADMIN,
				"# topics are declared by the launcher (the admin step), never created by a client",
				"auto.create.topics.enable=false");
	}

	/**
	 * {@code kafka-storage format} arguments that put every principal's credentials in.
	 */
	List<String> formatArguments() {
		List<String> arguments = new ArrayList<>();
		for (String principal : principals()) {
			arguments.add("--add-scram");
			arguments.add(MECHANISM + "=[name=\"" + principal + "\",password=\"" + password(principal) + "\"]");
		}
		return arguments;
	}

	/** Client settings for {@code principal} on the broker at {@code bootstrap}. */
	public Map<String, Object> client(String bootstrap, String principal) {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("bootstrap.servers", bootstrap);
		settings.putAll(login(principal, password(principal)));
		return settings;
	}

	/**
	 * The admin's client settings for the broker the launcher runs on {@code dataDir}
	 * (e.g. {@code .local-stack}): its address from {@code kafka/server.properties},
	 * which the launcher writes at every start, and the admin's password from
	 * {@code kafka/credentials.properties}. Reads only.
	 * @throws IllegalArgumentException when the directory holds no secured broker of the
	 * launcher
	 */
	public static Map<String, Object> adminClient(Path dataDir) {
		Path kafka = dataDir.resolve("kafka");
		Properties server = new Properties();
		Properties credentials = new Properties();
		try (Reader serverFile = Files.newBufferedReader(kafka.resolve("server.properties"));
				Reader credentialsFile = Files.newBufferedReader(kafka.resolve("credentials.properties"))) {
			server.load(serverFile);
			credentials.load(credentialsFile);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException(dataDir + " holds no broker of the launcher (" + ex + ")", ex);
		}
		String listener = server.getProperty("advertised.listeners", "");
		String password = credentials.getProperty(ADMIN);
		if (!listener.startsWith("SASL_PLAINTEXT://") || password == null) {
			throw new IllegalArgumentException(dataDir + " holds no secured broker of the launcher: start it once "
					+ "with ./run.sh, which adds the logins");
		}
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("bootstrap.servers", listener.substring("SASL_PLAINTEXT://".length()));
		settings.putAll(login(ADMIN, password));
		return settings;
	}

	/** The SASL settings of a SCRAM login, for any principal and password. */
	public static Map<String, Object> login(String principal, String password) {
		return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", MECHANISM, "sasl.jaas.config",
				jaas(SCRAM_LOGIN, principal, password));
	}

	/**
	 * The environment that makes a service log in as its principal (platform's names).
	 */
	Map<String, String> serviceEnvironment(String service) {
		return Map.of("LER_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT", "LER_KAFKA_SASL_MECHANISM", MECHANISM,
				"LER_KAFKA_USERNAME", service, "LER_KAFKA_PASSWORD", password(service));
	}

	/**
	 * The ACLs, the least each service needs (the same as the production
	 * {@code KafkaUser}s): the topics it writes or reads ({@code Describe} for metadata
	 * and offsets, {@code DescribeConfigs} on the event topics for the start-up retention
	 * check), its own dead-letter topics (the binder's dead-letter producer runs under
	 * the consumer's principal: {@code Write}; reporting lists and re-reads its own:
	 * {@code Read}) and its consumer groups. No one may create, alter or delete a topic.
	 */
	public static List<AclBinding> acls() {
		List<AclBinding> acls = new ArrayList<>();
		String requests = EVENT_TOPICS.get(0);
		String decisions = EVENT_TOPICS.get(1);
		// intake writes requests and reads both topics for its request views
		allow(acls, "intake-service", topic(requests), AclOperation.WRITE, AclOperation.READ, AclOperation.DESCRIBE,
				AclOperation.DESCRIBE_CONFIGS);
		allow(acls, "intake-service", topic(decisions), AclOperation.READ, AclOperation.DESCRIBE,
				AclOperation.DESCRIBE_CONFIGS);
		// review reads requests (opens cases) and writes decisions
		allow(acls, "review-service", topic(requests), AclOperation.READ, AclOperation.DESCRIBE,
				AclOperation.DESCRIBE_CONFIGS);
		allow(acls, "review-service", topic(decisions), AclOperation.WRITE, AclOperation.DESCRIBE,
				AclOperation.DESCRIBE_CONFIGS);
		// reporting only reads the event topics
		for (String event : EVENT_TOPICS) {
			allow(acls, "reporting-service", topic(event), AclOperation.READ, AclOperation.DESCRIBE,
					AclOperation.DESCRIBE_CONFIGS);
		}
		DEAD_LETTER_TOPICS.forEach((service, topics) -> {
			for (String dlq : topics) {
				if (service.equals("reporting-service")) {
					allow(acls, service, topic(dlq), AclOperation.WRITE, AclOperation.READ, AclOperation.DESCRIBE);
				}
				else {
					allow(acls, service, topic(dlq), AclOperation.WRITE, AclOperation.DESCRIBE);
				}
			}
		});
		for (String group : List.of("intake-request-view", "intake-decision-view")) {
			allow(acls, "intake-service", group(group, PatternType.LITERAL), AclOperation.READ, AclOperation.DESCRIBE);
		}
		allow(acls, "review-service", group("review-cases", PatternType.LITERAL), AclOperation.READ,
				AclOperation.DESCRIBE);
		// reporting-requests, reporting-decisions, reporting-dlq-redrive and a
		// side-by-side
		// rebuild's groups (LER_REPORTING_GROUP=reporting-2)
		allow(acls, "reporting-service", group("reporting", PatternType.PREFIXED), AclOperation.READ,
				AclOperation.DESCRIBE);
		return acls;
	}

	/**
	 * Every declared topic: the event topics, then the dead-letter topics in a fixed
	 * order.
	 */
	public static List<String> declaredTopics() {
		List<String> topics = new ArrayList<>(EVENT_TOPICS);
		new java.util.TreeMap<>(DEAD_LETTER_TOPICS).values().forEach(topics::addAll);
		return topics;
	}

	/**
	 * The admin step: creates the declared topics that are missing, sets
	 * {@code retention.ms=-1} and {@code min.insync.replicas} on every one of them (also
	 * on one a client created first), and grants {@link #acls()} when asked (idempotent).
	 */
	static void declare(Admin admin, TopicSettings settings, boolean grant) {
		Map<String, Integer> partitions = new LinkedHashMap<>();
		declaredTopics().forEach((topic) -> partitions.put(topic, settings.partitions()));
		declare(admin, partitions, settings, grant);
	}

	/**
	 * The admin step for the given topics and partition counts (e.g. a restore's, which
	 * takes the counts of the topics it copies): creates those missing with their count,
	 * the replicas of {@code settings}, {@code retention.ms=-1} and
	 * {@code retention.bytes=-1}; sets both and {@code min.insync.replicas} on every one
	 * (an existing topic keeps its partition count); grants {@link #acls()} when asked.
	 * Idempotent.
	 * @param partitions topic name -> partitions of the topic if it has to be created
	 * @throws IllegalStateException when the broker refuses or does not answer within 60
	 * s
	 */
	public static void declare(Admin admin, Map<String, Integer> partitions, TopicSettings settings, boolean grant) {
		List<String> topics = new ArrayList<>(partitions.keySet());
		try {
			List<NewTopic> missing = new ArrayList<>();
			var existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
			for (String name : topics) {
				if (!existing.contains(name)) {
					missing.add(new NewTopic(name, partitions.get(name), settings.replication())
						.configs(Map.of("retention.ms", "-1", "retention.bytes", "-1", "min.insync.replicas",
								String.valueOf(settings.minInsyncReplicas()))));
				}
			}
			for (var created : admin.createTopics(missing).values().values()) {
				try {
					created.get(60, TimeUnit.SECONDS);
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof TopicExistsException)) {
						throw ex;
					}
				}
			}
			Map<ConfigResource, java.util.Collection<AlterConfigOp>> forever = new LinkedHashMap<>();
			for (String name : topics) {
				forever.put(new ConfigResource(ConfigResource.Type.TOPIC, name),
						List.of(new AlterConfigOp(new ConfigEntry("retention.ms", "-1"), AlterConfigOp.OpType.SET),
								new AlterConfigOp(new ConfigEntry("retention.bytes", "-1"), AlterConfigOp.OpType.SET),
								new AlterConfigOp(
										new ConfigEntry("min.insync.replicas",
												String.valueOf(settings.minInsyncReplicas())),
										AlterConfigOp.OpType.SET)));
			}
			admin.incrementalAlterConfigs(forever).all().get(60, TimeUnit.SECONDS);
			if (grant) {
				admin.createAcls(acls()).all().get(60, TimeUnit.SECONDS);
				// the broker applies them a moment after the controller took them: a
				// service started before would be refused
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
				while (!admin.describeAcls(org.apache.kafka.common.acl.AclBindingFilter.ANY)
					.values()
					.get(60, TimeUnit.SECONDS)
					.containsAll(acls())) {
					if (System.nanoTime() > deadline) {
						throw new IllegalStateException("the broker did not apply the ACLs within 60 s");
					}
					// the broker offers no notification when it has applied them: poll
					Thread.sleep(100);
				}
			}
		}
		catch (ExecutionException | java.util.concurrent.TimeoutException ex) {
			throw new IllegalStateException("Declaring the Kafka topics" + (grant ? " and ACLs" : "") + " failed: "
					+ ((ex.getCause() != null) ? ex.getCause() : ex), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * How the launcher creates topics: partitions (as the services'
	 * {@code LER_TOPIC_PARTITIONS}), replicas and {@code min.insync.replicas}; 3, 1, 1 on
	 * the single local broker, 6/3/2 on a production cluster.
	 */
	public record TopicSettings(int partitions, short replication, int minInsyncReplicas) {

		/**
		 * {@code LER_TOPIC_PARTITIONS}, {@code LER_TOPIC_REPLICATION},
		 * {@code LER_TOPIC_MIN_ISR}.
		 */
		public static TopicSettings fromEnvironment(Map<String, String> env) {
			return new TopicSettings(Integer.parseInt(env.getOrDefault("LER_TOPIC_PARTITIONS", "3")),
					Short.parseShort(env.getOrDefault("LER_TOPIC_REPLICATION", "1")),
					Integer.parseInt(env.getOrDefault("LER_TOPIC_MIN_ISR", "1")));
		}

	}

	private static void allow(List<AclBinding> acls, String principal, ResourcePattern resource,
			AclOperation... operations) {
		for (AclOperation operation : operations) {
			acls.add(new AclBinding(resource,
					new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW)));
		}
	}

	private static ResourcePattern topic(String name) {
		return new ResourcePattern(ResourceType.TOPIC, name, PatternType.LITERAL);
	}

	private static ResourcePattern group(String name, PatternType type) {
		return new ResourcePattern(ResourceType.GROUP, name, type);
	}

	private static String jaas(String module, String principal, String password) {
		return module + " required username=\"" + principal + "\" password=\"" + password + "\";";
	}

}
