package ler.reporting;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import ler.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** The package rules of the house style, checked on every build. */
class ArchitectureTest {

	static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("ler.reporting");

	static final DescribedPredicate<JavaClass> STORES = ArchitectureRules.STORES;

	@Test
	void onlyTheMessagingEdgeTalksToTheBroker() {
		ArchitectureRules.onlyMessagingTalksToTheBroker().check(classes);
	}

	@Test
	void rulesAndModelArePlainJava() {
		classes().that()
			.haveNameMatching("ler\\.reporting\\.statistics\\.(Contribution|Outcome|Period|Figures)(\\$.*)?")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage("java..", "ler.reporting.statistics..", "ler.events..",
					"org.springframework.stereotype..")
			.check(classes);
	}

	@Test
	void featuresDoNotDependOnEachOtherInCycles() {
		ArchitectureRules.noCyclesBetweenFeatures("ler.reporting").check(classes);
	}

	@Test
	void packagesDoNotDependOnEachOtherInCycles() {
		ArchitectureRules.noCyclesBetweenPackages("ler.reporting").check(classes);
	}

	@Test
	void webDoesNotReachTheStoresTypes() {
		ArchitectureRules.webDoesNotReachStores(STORES).check(classes);
	}

	@Test
	void onlyStoresImportTheMongoDbDriver() {
		ArchitectureRules.onlyStoresUseTheMongoDriver(STORES).check(classes);
	}

}
