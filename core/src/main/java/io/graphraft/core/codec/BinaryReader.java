package io.graphraft.core.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads what {@link BinaryWriter} wrote; every read is bounds-checked and fails with {@link CodecException}. */
public final class BinaryReader {
    private final byte[] bytes;
    private int position;

    public BinaryReader(byte[] bytes) {
        this.bytes = bytes;
    }

    public int readByte() {
        require(1, "a byte");
        return bytes[position++] & 0xFF;
    }

    public long readVarLong() {
        long raw = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            require(1, "a varint");
            byte b = bytes[position++];
            raw |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new CodecException("malformed varint at byte " + position);
    }

    /** A non-negative count or length that cannot exceed what is left to read. */
    public int readLength(String what) {
        long length = readVarLong();
        if (length < 0 || length > remaining()) {
            throw new CodecException("invalid " + what + " " + length + " at byte " + position
                    + " (only " + remaining() + " bytes left)");
        }
        return (int) length;
    }

    public double readDouble() {
        require(8, "a double");
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (bytes[position++] & 0xFF);
        }
        return Double.longBitsToDouble(bits);
    }

    public String readString() {
        int length = readLength("string length");
        String value = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    public byte[] readBytes(int length) {
        requireBytes(length);
        byte[] out = new byte[length];
        System.arraycopy(bytes, position, out, 0, length);
        position += length;
        return out;
    }

    /** The offset of the next byte to read. */
    public int position() {
        return position;
    }

    /** Moves back (or on) to {@code offset}, e.g. to decode a range that was skipped over once. */
    public void position(int offset) {
        if (offset < 0 || offset > bytes.length) {
            throw new CodecException("position " + offset + " is outside 0.." + bytes.length);
        }
        position = offset;
    }

    /** Skips {@code count} bytes. */
    public void skip(int count) {
        requireBytes(count);
        position += count;
    }

    /** A copy of the bytes in {@code [from, to)}. */
    public byte[] copyRange(int from, int to) {
        return Arrays.copyOfRange(bytes, from, to);
    }

    public int remaining() {
        return bytes.length - position;
    }

    /** Fails unless every byte was consumed: trailing garbage means the input is not one value. */
    public void expectEnd() {
        if (remaining() != 0) {
            throw new CodecException(remaining() + " unexpected trailing bytes at byte " + position);
        }
    }

    /** As {@link #require}, naming the count only on failure (skipping is on the hot path of a snapshot load). */
    private void requireBytes(int count) {
        if (remaining() < count) {
            require(count, count + " bytes");
        }
    }

    private void require(int count, String what) {
        if (remaining() < count) {
            throw new CodecException("truncated input: expected " + what + " at byte " + position
                    + " but only " + remaining() + " bytes left");
        }
    }
}
