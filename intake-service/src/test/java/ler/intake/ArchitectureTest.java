package ler.intake;

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
		.importPackages("ler.intake");

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
			.haveNameMatching(
					"ler\\.intake\\.request\\.(RequestValidator|ValidRequest|NewRequest|Violation|LegalProcess|CustomerType|IdentifierType|IdentifierKeys)(\\$.*)?")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage("java..", "ler.intake.request..", "ler.events..", "org.bson..",
					"org.springframework.stereotype..")
			.check(classes);
	}

	@Test
	void answersAreRecordsNotStoredDocuments() {
		noClasses().that()
			.haveNameMatching("ler\\.intake\\.request\\.(RequestController|RequestStatus)(\\$.*)?")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.bson..", "com.mongodb..")
			.check(classes);
	}

	@Test
	void featuresDoNotDependOnEachOtherInCycles() {
		slices().matching("ler.intake.(*)..").should().beFreeOfCycles().check(classes);
	}

}
