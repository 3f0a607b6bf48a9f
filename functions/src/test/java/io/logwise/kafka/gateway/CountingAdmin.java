package io.logwise.kafka.gateway;

import io.logwise.kafka.client.KafkaClients;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;

/**
 * A real Admin client behind a counting proxy: every call goes to the real broker, and the number of calls per
 * Admin method is recorded, to prove the provisioner batches (not a mock: nothing is faked).
 */
public final class CountingAdmin implements InvocationHandler {

    private final Admin target;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    private CountingAdmin(Admin target) {
        this.target = target;
    }

    static CountingAdmin around(Admin target) {
        return new CountingAdmin(target);
    }

    /** Puts a counting proxy around the Admin client of {@code clients}, which functions under test then use. */
    public static CountingAdmin inject(KafkaClients clients) {
        CountingAdmin counting = new CountingAdmin(clients.admin());
        try {
            Field admin = KafkaClients.class.getDeclaredField("admin");
            admin.setAccessible(true);
            admin.set(clients, counting.admin());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("KafkaClients changed: cannot wrap its Admin", e);
        }
        return counting;
    }

    Admin admin() {
        return (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class}, this);
    }

    /** Calls per Admin method name since the last reset, e.g. {createTopics=1, listTopics=1}. */
    public Map<String, Integer> calls() {
        Map<String, Integer> snapshot = new TreeMap<>();
        calls.forEach((name, count) -> snapshot.put(name, count.get()));
        return snapshot;
    }

    public void reset() {
        calls.clear();
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() != Object.class) {
            calls.computeIfAbsent(method.getName(), name -> new AtomicInteger()).incrementAndGet();
        }
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
