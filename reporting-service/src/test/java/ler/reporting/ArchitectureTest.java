package ler.reporting;

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
		.importPackages("ler.reporting");

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
	void rulesAndModelArePlainJava() {
		classes().that()
			.haveNameMatching("ler\\.reporting\\.statistics\\.(Contribution|Outcome|Period|Figures)(\\$.*)?")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage("java..", "ler.reporting.statistics..", "ler.events..",
					"org.springframework.stereotype..")
			.check(classes);
	}

	/**
	 * The store maps its documents to records at its edge: no document type reaches the
	 * figures, the report or an answer (the health check's ping aside).
	 */
	@Test
	void nothingOutsideTheStoreTalksToMongoDb() {
		noClasses().that()
			.doNotHaveFullyQualifiedName("ler.reporting.statistics.ProjectionStore")
			.and()
			.resideOutsideOfPackage("ler.reporting.health..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.bson..", "com.mongodb..")
			.check(classes);
	}

	@Test
	void featuresDoNotDependOnEachOtherInCycles() {
		slices().matching("ler.reporting.(*)..").should().beFreeOfCycles().check(classes);
	}

}
