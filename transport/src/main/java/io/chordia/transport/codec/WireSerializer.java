package io.chordia.transport.codec;

import com.esotericsoftware.kryo.Serializer;

/**
 * A Kryo serializer for one wire type that writes its fields explicitly and knows its encoded
 * size up front, so the codec can reject an oversize envelope before writing a byte and allocate
 * exactly the buffer it needs. Reads check every length against a bound before allocating.
 */
abstract class WireSerializer<T> extends Serializer<T> {
    WireSerializer() {
        super(false, true);
    }

    /** The number of bytes {@link #write} produces for {@code value}. */
    abstract int sizeOf(T value);
}
