package ler.review;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The package rules of the house style, checked on every build. */
class ArchitectureTest {

	static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("ler.review");

	@Test
	void onlyTheMessagingEdgeTalksToTheBroker() {
		noClasses().that()
			.resideOutsideOfPackage("..messaging..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.cloud.stream..", "org.springframework.kafka..",
					"org.apache.kafka..")
			.check(classes);
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
	void theWebLayerDoesNotReachTheStore() {
		noClasses().that()
			.resideInAPackage("..web..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("ler.review.cases.store..")
			.check(classes);
	}

	@Test
	void onlyTheStoreTalksToMongoDb() {
		noClasses().that()
			.resideOutsideOfPackages("ler.review.cases.store..", "ler.review.health..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("com.mongodb..", "org.bson..")
			.check(classes);
	}

	@Test
	void noPackagesDependOnEachOtherInCycles() {
		slices().matching("ler.review.(**)").should().beFreeOfCycles().check(classes);
	}

}
