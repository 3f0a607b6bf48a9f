package io.logwise.kafka.reliability;

import io.logwise.kafka.client.KafkaClients;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaFuture;

/**
 * A real Admin client that injects a fault while one of its calls is in flight: the first time {@code method}
 * (e.g. {@code createTopics}) is called for at least {@code minItems} topics (so a single-topic call for the state
 * topic does not count), the call goes to the broker as usual and, at once, another thread runs the fault (e.g.
 * SIGKILL of a node). Nothing is faked: every call is the real client's. The fault thread notes how many
 * of the call's per-topic futures had completed when the fault was done, i.e. what Kafka had confirmed before it.
 */
final class FaultyAdmin implements InvocationHandler {

    /** What the fault saw: the in-flight call's size and how many of its items Kafka had confirmed by then. */
    record Injected(int items, int confirmedBeforeFault, long faultMillis) {
    }

    private final Admin target;
    private final String method;
    private final int minItems;
    private final Runnable fault;
    private final AtomicBoolean fired = new AtomicBoolean();
    private final CompletableFuture<Injected> injected = new CompletableFuture<>();

    private FaultyAdmin(Admin target, String method, int minItems, Runnable fault) {
        this.target = target;
        this.method = method;
        this.minItems = minItems;
        this.fault = fault;
    }

    /**
     * Clients whose Admin is the faulty one. {@link KafkaClients} builds its Admin itself and has no seam for a
     * wrapped one, so the test sets its cached Admin; the handler under test is unchanged.
     */
    static FaultyAdmin inject(KafkaClients clients, String method, int minItems, Runnable fault) {
        FaultyAdmin faulty = new FaultyAdmin(clients.admin(), method, minItems, fault);
        Admin proxy = (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class},
                faulty);
        try {
            Field admin = KafkaClients.class.getDeclaredField("admin");
            admin.setAccessible(true);
            admin.set(clients, proxy);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("KafkaClients changed: cannot wrap its Admin", e);
        }
        return faulty;
    }

    /** Completes once the fault has run; never, when the faulty call was not made. */
    CompletableFuture<Injected> injected() {
        return injected;
    }

    boolean fired() {
        return fired.get();
    }

    @Override
    public Object invoke(Object proxy, Method called, Object[] args) throws Throwable {
        Object result;
        try {
            result = called.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (called.getName().equals(method) && items(args) >= minItems && fired.compareAndSet(false, true)) {
            Map<?, ?> futures = futuresOf(result);
            Thread thread = new Thread(() -> {
                long started = System.nanoTime();
                try {
                    fault.run();
                    long confirmed = futures.values().stream().map(f -> (KafkaFuture<?>) f)
                            .filter(f -> f.isDone() && !f.isCompletedExceptionally()).count();
                    injected.complete(new Injected(futures.size(), (int) confirmed,
                            (System.nanoTime() - started) / 1_000_000));
                } catch (Throwable e) {
                    injected.completeExceptionally(e);
                }
            }, "fault-" + method);
            thread.setDaemon(true);
            thread.start();
        }
        return result;
    }

    private static int items(Object[] args) {
        Object first = args == null || args.length == 0 ? null : args[0];
        return first instanceof java.util.Collection<?> c ? c.size() : first instanceof Map<?, ?> m ? m.size() : 0;
    }

    /** The per-item futures of createTopics, createPartitions and incrementalAlterConfigs results. */
    private static Map<?, ?> futuresOf(Object result) {
        try {
            return (Map<?, ?>) result.getClass().getMethod("values").invoke(result);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(result.getClass() + " has no values() map of futures", e);
        }
    }
}
