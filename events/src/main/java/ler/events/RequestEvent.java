package ler.events;

import java.util.UUID;

/** Events of the request stream, published by intake-service. */
public sealed interface RequestEvent permits RequestReceived, DocumentAttached, RequestWithdrawn {

	UUID requestId();

}
