package ler.review;

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
		.importPackages("ler.review");

	@Test
	void onlyTheMessagingEdgeTalksToTheBroker() {
		ArchitectureRules.onlyMessagingTalksToTheBroker().check(classes);
	}

	@Test
	void theRulesAndTheirModelArePlainJava() {
		classes().that()
			.resideInAPackage("ler.review.cases.model..")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage("java..", "ler.review.cases.model..", "ler.events..")
			.check(classes);
	}

	@Test
	void featuresDoNotDependOnEachOtherInCycles() {
		ArchitectureRules.noCyclesBetweenFeatures("ler.review").check(classes);
	}

	@Test
	void packagesDoNotDependOnEachOtherInCycles() {
		ArchitectureRules.noCyclesBetweenPackages("ler.review").check(classes);
	}

	@Test
	void webDoesNotReachTheStoresTypes() {
		ArchitectureRules.webDoesNotReachStores(ArchitectureRules.STORES).check(classes);
	}

	@Test
	void onlyStoresImportTheMongoDbDriver() {
		ArchitectureRules.onlyStoresUseTheMongoDriver(ArchitectureRules.STORES).check(classes);
	}

}
