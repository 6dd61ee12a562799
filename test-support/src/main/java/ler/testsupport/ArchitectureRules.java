package ler.testsupport;

import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules every service keeps (STYLE.md, issue 10), for its
 * {@code ArchitectureTest} to check against its own classes.
 */
public final class ArchitectureRules {

	/** The driver's packages: only a store may use them. */
	public static final String[] MONGODB_DRIVER = { "com.mongodb..", "org.bson.." };

	/**
	 * A store: a class in a {@code store} package, or named {@code ...Store}, and the
	 * classes nested in one.
	 */
	public static final DescribedPredicate<JavaClass> STORES = DescribedPredicate
		.describe("stores (in a ..store.. package or named *Store)", (type) -> {
			String topLevel = type.getName().replaceFirst("\\$.*", "");
			String simple = topLevel.substring(topLevel.lastIndexOf('.') + 1);
			return type.getPackageName().matches("(.*\\.)?store(\\..*)?") || simple.endsWith("Store");
		});

	private ArchitectureRules() {
	}

	/**
	 * {@link #STORES} and the classes of these fully qualified names (and the classes
	 * nested in them): for a service whose stores are named for what they keep, e.g.
	 * {@code RequestViews}.
	 */
	public static DescribedPredicate<JavaClass> storesAnd(String... classNames) {
		return STORES.or(named(classNames));
	}

	/** The classes of these fully qualified names and the classes nested in them. */
	public static DescribedPredicate<JavaClass> named(String... classNames) {
		Set<String> names = Set.of(classNames);
		return DescribedPredicate.describe("classes " + new TreeSet<>(names),
				(type) -> names.contains(type.getName().replaceFirst("\\$.*", "")));
	}

	/**
	 * Only a {@code messaging} package talks to the broker (Spring Cloud Stream, Kafka).
	 */
	public static ArchRule onlyMessagingTalksToTheBroker() {
		return noClasses().that()
			.resideOutsideOfPackage("..messaging..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.cloud.stream..", "org.springframework.kafka..",
					"org.apache.kafka..");
	}

	/**
	 * No cycle between the features of a service: the first packages below {@code root},
	 * each with its subpackages.
	 */
	public static SliceRule noCyclesBetweenFeatures(String root) {
		return slices().matching(root + ".(*)..").should().beFreeOfCycles();
	}

	/**
	 * No cycle between any two packages below {@code root}: every package is a slice of
	 * its own, so {@code a} and {@code a.messaging} may not need each other.
	 * @param root the service's root package, e.g. {@code ler.intake}
	 */
	public static SliceRule noCyclesBetweenPackages(String root) {
		return slices().matching(root + ".(**)").should().beFreeOfCycles();
	}

	/**
	 * The web layer answers with its own types: no class in a {@code web} package uses a
	 * store's.
	 */
	public static ArchRule webDoesNotReachStores(DescribedPredicate<? super JavaClass> stores) {
		return noClasses().that()
			.resideInAPackage("..web..")
			.should()
			.dependOnClassesThat(stores)
			.because("web answers with its own records, never what a store keeps");
	}

	/** Only a store talks to the database: nothing else imports the MongoDB driver. */
	public static ArchRule onlyStoresUseTheMongoDriver(DescribedPredicate<? super JavaClass> stores) {
		return noClasses().that(DescribedPredicate.not(stores))
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(MONGODB_DRIVER)
			.because("stores map to and from records at their edge");
	}

}
