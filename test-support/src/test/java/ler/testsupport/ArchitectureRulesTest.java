package ler.testsupport;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules find what they are about in a fixture built to break each of them. */
class ArchitectureRulesTest {

	static final JavaClasses fixture = new ClassFileImporter().importPackages("ler.testsupport.fixture");

	@Test
	void findsACycleBetweenAPackageAndItsSubpackage() {
		EvaluationResult result = ArchitectureRules.noCyclesBetweenPackages("ler.testsupport.fixture")
			.evaluate(fixture);
		assertThat(result.hasViolation()).isTrue();
		assertThat(result.getFailureReport().toString()).contains("Outer").contains("Inner");
	}

	@Test
	void findsWebReachingAStore() {
		EvaluationResult result = ArchitectureRules.webDoesNotReachStores(ArchitectureRules.STORES).evaluate(fixture);
		assertThat(result.getFailureReport().getDetails()).isNotEmpty()
			.allMatch((line) -> line.contains("web.Controller") && line.contains("store.Cases"));
	}

	@Test
	void findsTheDriverOutsideAStore() {
		EvaluationResult result = ArchitectureRules.onlyStoresUseTheMongoDriver(ArchitectureRules.STORES)
			.evaluate(fixture);
		assertThat(result.getFailureReport().getDetails()).isNotEmpty()
			.anyMatch((line) -> line.contains("other.Leaky"))
			.noneMatch((line) -> line.contains("<ler.testsupport.fixture.store.Cases"));
	}

	@Test
	void storesAreTheStorePackageAndClassesNamedStore() {
		JavaClasses classes = new ClassFileImporter().importClasses(ler.testsupport.fixture.store.Cases.class,
				ler.testsupport.fixture.other.Leaky.class);
		assertThat(ArchitectureRules.STORES.test(classes.get(ler.testsupport.fixture.store.Cases.class))).isTrue();
		assertThat(ArchitectureRules.STORES.test(classes.get(ler.testsupport.fixture.other.Leaky.class))).isFalse();
	}

}
