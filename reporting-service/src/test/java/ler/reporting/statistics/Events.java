package ler.reporting.statistics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import ler.events.DecisionRecorded;
import ler.events.RequestSummary;
import ler.events.RequestReceived;

/** Test fixtures. */
final class Events {

	private Events() {
	}

	static RequestReceived received(UUID id, String country, String process, int identifiers, String receivedAt) {
		return received(id, "consumer", country, process, "CONSUMER", identifiers, receivedAt);
	}

	static RequestReceived received(UUID id, String service, String country, String process, String customerType,
			int identifiers, String receivedAt) {
		List<RequestReceived.Identifier> ids = new ArrayList<>();
		for (int i = 0; i < identifiers; i++) {
			ids.add(new RequestReceived.Identifier("EMAIL", "user" + i + "@example.com"));
		}
		return new RequestReceived(id, new RequestReceived.Agency("Agency", country, "liaison@agency.gov"), service,
				customerType, process, ids, Instant.parse(receivedAt), Instant.parse(receivedAt));
	}

	static DecisionRecorded decided(RequestReceived request, String decision, String previous) {
		return new DecisionRecorded(request.requestId(), decision, "reason", "counsel",
				request.receivedAt().plusSeconds(86400), previous,
				new RequestSummary(request.agency().country(), request.service(), request.customerType(),
						request.legalProcess(), request.identifiers().size(), request.receivedAt()));
	}

}
