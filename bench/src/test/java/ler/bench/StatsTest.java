package ler.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatsTest {

	@Test
	void medianOfAnOddCountIsTheMiddleValue() {
		assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
	}

	@Test
	void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
		assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
	}

	@Test
	void runsThatCouldNotMeasureAreLeftOut() {
		assertThat(Stats.median(List.of(Double.NaN, 5.0, 7.0, 6.0))).isEqualTo(6.0);
		assertThat(Stats.median(List.of(Double.NaN))).isNaN();
	}

	@Test
	void ratioIsMeasuredOverBaselineAndNaNWithoutOne() {
		assertThat(Stats.ratio(500, 50_000)).isEqualTo(0.01);
		assertThat(Stats.ratio(500, Double.NaN)).isNaN();
		assertThat(Stats.ratio(500, 0)).isNaN();
	}

	@Test
	void tableShowsMedianRunsBaselineAndRatio() {
		Figure figure = Figure.of(1, "intake", "req/s", List.of(400.0, 380.0, 420.0), "5,000 req/s")
			.withBaseline("plain producer", List.of(40_000.0, 50_000.0, 45_000.0));
		assertThat(Table.markdown(List.of(figure)).get(2)).isEqualTo(
				"| 1 | intake | 400 req/s | 400 / 380 / 420 | plain producer: 45,000 records/s | 0.00889 | 5,000 req/s |");
	}

}
