package ler.platform;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import ler.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Plumbing only (ADR 7): the platform knows no service and no event. */
class ArchitectureTest {

	static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("ler.platform");

	@Test
	void knowsNoServiceAndNoEvent() {
		noClasses().should()
			.dependOnClassesThat(resideInAPackage("ler..").and(resideOutsideOfPackage("ler.platform..")))
			.check(classes);
	}

	@Test
	void packagesDoNotDependOnEachOtherInCycles() {
		ArchitectureRules.noCyclesBetweenPackages("ler.platform").check(classes);
	}

}
