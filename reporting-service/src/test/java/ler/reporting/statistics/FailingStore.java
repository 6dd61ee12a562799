package ler.reporting.statistics;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.MongoSocketWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * A real database seen through a store connection that can go away: after a given number
 * of writes, every further write fails, either before it reaches the store or (the worse
 * case) after the store applied it, the answer lost on the way back. Writes pass again
 * after {@link #heal()}. Reads are never touched: only writes change what a later attempt
 * finds.
 */
final class FailingStore {

	static final Set<String> WRITES = Set.of("insertOne", "insertMany", "updateOne", "updateMany", "replaceOne",
			"findOneAndUpdate", "findOneAndReplace", "bulkWrite", "deleteOne", "deleteMany");

	private final MongoDatabase database;

	private final AtomicInteger writesLeft = new AtomicInteger(Integer.MAX_VALUE);

	private volatile boolean applyFailedWrite;

	private final AtomicInteger failed = new AtomicInteger();

	FailingStore(MongoDatabase database) {
		this.database = database;
	}

	/** The database to give the code under test. */
	MongoDatabase database() {
		return proxy(MongoDatabase.class, this.database, (proxy, method, args) -> {
			Object result = invoke(this.database, method, args);
			if (result instanceof MongoCollection<?> collection) {
				return collection(collection);
			}
			return result;
		});
	}

	/** Lets {@code writes} more writes through, then fails every write. */
	void failAfter(int writes) {
		this.applyFailedWrite = false;
		this.writesLeft.set(writes);
	}

	/**
	 * Lets {@code writes} more writes through; the next one reaches the store but its
	 * answer is lost; every write after it fails.
	 */
	void loseAnswerAfter(int writes) {
		this.applyFailedWrite = true;
		this.writesLeft.set(writes);
	}

	void heal() {
		this.writesLeft.set(Integer.MAX_VALUE);
	}

	/** How many writes failed so far. */
	int failed() {
		return this.failed.get();
	}

	private MongoCollection<?> collection(MongoCollection<?> real) {
		return proxy(MongoCollection.class, real, (proxy, method, args) -> {
			int before = WRITES.contains(method.getName())
					? this.writesLeft.getAndUpdate((n) -> (n == Integer.MAX_VALUE) ? n : n - 1) : Integer.MAX_VALUE;
			if (before > 0) {
				Object result = invoke(real, method, args);
				return (result instanceof MongoCollection<?> other) ? collection(other) : result;
			}
			this.failed.incrementAndGet();
			MongoSocketWriteException gone = new MongoSocketWriteException("store went away (test)",
					new ServerAddress(), new IOException("connection reset"));
			if (before == 0 && this.applyFailedWrite) {
				return Mono.from((Publisher<?>) invoke(real, method, args)).then(Mono.error(gone));
			}
			return Mono.error(gone);
		});
	}

	private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	@SuppressWarnings("unchecked")
	private static <T> T proxy(Class<T> type, Object target, InvocationHandler handler) {
		return (T) Proxy.newProxyInstance(FailingStore.class.getClassLoader(), new Class<?>[] { type }, handler);
	}

}
