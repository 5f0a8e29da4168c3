package io.chordia.transport.bencode;

import java.util.List;

/** A list of values, in order. */
public record BencodeList(List<BencodeValue> items) implements BencodeValue {

    public BencodeList {
        items = List.copyOf(items);
    }

    public static BencodeList of(BencodeValue... items) {
        return new BencodeList(List.of(items));
    }

    @Override
    public long encodedSize() {
        long size = 2;
        for (BencodeValue item : items) {
            size += item.encodedSize();
        }
        return size;
    }

    @Override
    public int writeTo(byte[] target, int offset) {
        int at = offset;
        target[at++] = 'l';
        for (BencodeValue item : items) {
            at = item.writeTo(target, at);
        }
        target[at] = 'e';
        return at + 1;
    }
}
