package io.streamhub.egress;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.annotations.RegisterForProxy;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every Retrofit service the SDK proxies, and every message its methods send or receive, is registered. */
class NativeRegistrationsTest {

    @Test
    void everySdkServiceAndMessageIsRegistered() {
        Set<Class<?>> proxied = Set.of(NativeRegistrations.class.getAnnotation(RegisterForProxy.class).targets());
        Set<Class<?>> reflected = Set.of(NativeRegistrations.class.getAnnotation(RegisterForReflection.class).targets());
        List<String> missing = new ArrayList<>();
        for (Class<?> service : List.of(io.livekit.server.EgressService.class, io.livekit.server.RoomService.class)) {
            if (!proxied.contains(service) || !reflected.contains(service)) {
                missing.add(service.getName());
            }
            for (Method m : service.getDeclaredMethods()) {
                for (Class<?> p : m.getParameterTypes()) {
                    if (com.google.protobuf.Message.class.isAssignableFrom(p) && !reflected.contains(p)) {
                        missing.add(p.getName() + " (argument of " + m.getName() + ")");
                    }
                }
                Type r = m.getGenericReturnType(); // retrofit2.Call<Response>
                if (r instanceof ParameterizedType pt && pt.getActualTypeArguments()[0] instanceof Class<?> c
                        && com.google.protobuf.Message.class.isAssignableFrom(c) && !reflected.contains(c)) {
                    missing.add(c.getName() + " (result of " + m.getName() + ")");
                }
            }
        }
        assertTrue(missing.isEmpty(), () -> "register for native images: " + missing);
    }
}
