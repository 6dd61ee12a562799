package ler.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OptionsTest {

	@Test
	void defaultsAreTheIssuesScale() {
		Options options = Options.parse();
		assertThat(options.runs()).isEqualTo(3);
		assertThat(options.events()).isEqualTo(1_000_000);
		assertThat(options.levels()).containsExactly(10_000L, 100_000L, 1_000_000L);
		assertThat(options.rates()).containsExactly(1000, 5000);
		assertThat(options.quick()).isFalse();
		assertThat(options.ids()).isEqualTo(Options.Ids.TIME_ORDERED);
	}

	@Test
	void idsAreTimeOrderedAsTheServicesMintThemOrRandomOnRequest() {
		assertThat(Options.parse().ids().next().version()).isEqualTo(7);
		Options random = Options.parse("--ids", "random");
		assertThat(random.ids()).isEqualTo(Options.Ids.RANDOM);
		assertThat(random.ids().next().version()).isEqualTo(4);
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--ids", "sequential"));
	}

	@Test
	void quickScalesDownAndAnOptionGivenAsWellWins() {
		Options options = Options.parse("--quick", "--runs", "2", "--only", "1,3");
		assertThat(options.quick()).isTrue();
		assertThat(options.runs()).isEqualTo(2);
		assertThat(options.events()).isLessThan(10_000);
		assertThat(options.runs(1)).isTrue();
		assertThat(options.runs(2)).isFalse();
	}

	@Test
	void refusesUnknownOptionsAndMeasurements() {
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--fast"));
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--only", "7"));
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--runs", "0"));
	}

}
