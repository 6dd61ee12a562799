package ler.intake;

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
		.importPackages("ler.intake");

	/** Intake's stores are named for what they keep. */
	static final DescribedPredicate<JavaClass> STORES = ArchitectureRules.storesAnd(
			"ler.intake.request.IdempotencyKeys", "ler.intake.request.RequestViews", "ler.intake.request.Documents");

	@Test
	void onlyTheMessagingEdgeTalksToTheBroker() {
		ArchitectureRules.onlyMessagingTalksToTheBroker().check(classes);
	}

	@Test
	void rulesAndModelArePlainJava() {
		classes().that()
			.haveNameMatching(
					"ler\\.intake\\.request\\.(RequestValidator|ValidRequest|NewRequest|Violation|LegalProcess|CustomerType|IdentifierType|IdentifierKeys)(\\$.*)?")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage("java..", "ler.intake.request..", "ler.events..", "org.bson..",
					"org.springframework.stereotype..")
			.check(classes);
	}

	@Test
	void featuresDoNotDependOnEachOtherInCycles() {
		ArchitectureRules.noCyclesBetweenFeatures("ler.intake").check(classes);
	}

	@Test
	void packagesDoNotDependOnEachOtherInCycles() {
		ArchitectureRules.noCyclesBetweenPackages("ler.intake").check(classes);
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
