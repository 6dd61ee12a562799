package ler.testsupport;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;

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
	 * No cycle between any two packages below {@code root}: every package is a slice of
	 * its own, so {@code a} and {@code a.messaging} may not need each other.
	 * @param root the service's root package, e.g. {@code ler.intake}
	 */
	public static ArchRule noCyclesBetweenPackages(String root) {
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
