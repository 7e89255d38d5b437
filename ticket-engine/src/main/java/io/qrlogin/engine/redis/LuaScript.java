package io.qrlogin.engine.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.DigestUtils;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A Lua script whose SHA-1 is computed once. {@code RedisScript.of} recomputes it behind a lock on
 * every call, which concurrent requests on several event loops would wait on.
 *
 * @param source the script
 * @param sha1 its SHA-1, by which Redis runs it ({@code EVALSHA}, falling back to {@code EVAL})
 * @param resultType what the script returns
 * @param <T> the result type
 */
public record LuaScript<T>(String source, String sha1, Class<T> resultType) implements RedisScript<T> {

    /** The script {@code source}, returning {@code resultType}. */
    public static <T> LuaScript<T> of(String source, Class<T> resultType) {
        return new LuaScript<>(source, DigestUtils.sha1DigestAsHex(source), resultType);
    }

    /** The script in the resource {@code name} next to {@code anchor}. */
    public static <T> LuaScript<T> load(Class<?> anchor, String name, Class<T> resultType) {
        return of(read(anchor, name), resultType);
    }

    /** The text of the resource {@code name} next to {@code anchor}. */
    public static String read(Class<?> anchor, String name) {
        try {
            return new ClassPathResource(name, anchor).getContentAsString(StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the Redis script " + name, ex);
        }
    }

    @Override
    public String getSha1() {
        return this.sha1;
    }

    @Override
    public Class<T> getResultType() {
        return this.resultType;
    }

    @Override
    public String getScriptAsString() {
        return this.source;
    }
}
