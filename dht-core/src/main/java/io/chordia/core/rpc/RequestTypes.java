package io.chordia.core.rpc;

import io.chordia.core.message.Request;
import java.util.ArrayList;
import java.util.List;

/**
 * A dense index for each concrete request type, from the sealed {@link Request} hierarchy: the
 * RPC endpoint finds a handler by array index instead of hashing the class in a map of its own.
 */
final class RequestTypes {
    private static final List<Class<?>> TYPES = concreteTypes(Request.class, new ArrayList<>());
    private static final ClassValue<Integer> INDEX = new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> type) {
            int i = TYPES.indexOf(type);
            if (i < 0) {
                throw new IllegalArgumentException(type.getName() + " is not a concrete request type");
            }
            return i;
        }
    };

    private RequestTypes() {}

    static int count() {
        return TYPES.size();
    }

    static int index(Class<?> requestType) {
        return INDEX.get(requestType);
    }

    private static List<Class<?>> concreteTypes(Class<?> type, List<Class<?>> out) {
        if (type.isSealed()) {
            for (Class<?> sub : type.getPermittedSubclasses()) {
                concreteTypes(sub, out);
            }
        } else if (!out.contains(type)) {
            out.add(type);
        }
        return out;
    }
}
