package lenet.checkpoint;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Map;

/**
 * Checks an array stored by ND4J ({@code Nd4j.write}: a shape-information buffer, then a data buffer, each as an
 * allocation mode, a length, a type name and the values) before ND4J reads it. ND4J allocates native memory for
 * the lengths it reads and trusts the shape it is given: a length of 2⁶² crashes the JVM, and a shape that does
 * not match the data gives a network that computes nonsense. Here the lengths, the shape and the data must agree
 * with each other and with the bytes that are there.
 */
final class ArrayEntry {
    private static final Map<String, Integer> SIZES = Map.ofEntries(
            Map.entry("DOUBLE", 8),
            Map.entry("FLOAT", 4),
            Map.entry("HALF", 2),
            Map.entry("BFLOAT16", 2),
            Map.entry("LONG", 8),
            Map.entry("INT", 4),
            Map.entry("SHORT", 2),
            Map.entry("BYTE", 1),
            Map.entry("UBYTE", 1),
            Map.entry("BOOL", 1));
    private static final int MAX_RANK = 32;

    private ArrayEntry() {}

    /**
     * @return the number of values in the array
     * @throws IOException saying what is wrong, if the bytes are not one whole ND4J array
     */
    static long check(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        long[] shapeInfo = readBuffer(in, bytes.length, "shape", true);
        int rank = (int) shapeInfo[0];
        if (rank < 0 || rank > MAX_RANK || shapeInfo.length != 2 * rank + 4) {
            throw new IOException("shape of rank " + shapeInfo[0] + " in " + shapeInfo.length + " values");
        }
        long product = 1;
        for (int i = 1; i <= rank; i++) {
            if (shapeInfo[i] < 0 || (shapeInfo[i] > 0 && product > Long.MAX_VALUE / shapeInfo[i])) {
                throw new IOException("impossible dimension " + shapeInfo[i]);
            }
            product *= shapeInfo[i];
        }
        char order = (char) shapeInfo[2 * rank + 3];
        if (order != 'c' && order != 'f') {
            throw new IOException("unknown order " + shapeInfo[2 * rank + 3]);
        }
        // the data is stored whole and in order: each stride must be that of a packed array (any, for a size of 1)
        long expected = 1;
        for (int k = 0; k < rank; k++) {
            int i = order == 'c' ? rank - 1 - k : k;
            long size = shapeInfo[1 + i];
            long stride = shapeInfo[1 + rank + i];
            if (size != 1 && stride != expected) {
                throw new IOException("stride " + stride + " where a packed array has " + expected);
            }
            expected *= Math.max(size, 1);
        }
        long values = readBuffer(in, bytes.length, "data", false)[0];
        if (values != product) {
            throw new IOException("shape holds " + product + " values, data " + values);
        }
        if (in.available() != 0) {
            throw new IOException(in.available() + " bytes after the array");
        }
        return values;
    }

    /** Reads a buffer's header; the shape buffer's values are returned, the data buffer's count only. */
    private static long[] readBuffer(DataInputStream in, int total, String what, boolean keep) throws IOException {
        in.readUTF(); // allocation mode
        long length = in.readLong();
        String type = in.readUTF();
        Integer size = SIZES.get(type);
        if (size == null) {
            throw new IOException(what + " buffer of unknown type '" + type + "'");
        }
        if (length < 0 || length > (long) in.available() / size) {
            throw new IOException(
                    what + " buffer declares " + length + " values of " + type + " in " + total + " bytes");
        }
        if (!keep) {
            in.skipNBytes(length * size);
            return new long[] {length};
        }
        if ((size != 8 && size != 4) || length > 2 * MAX_RANK + 4 || length < 4) {
            throw new IOException("shape buffer of " + length + " values of " + type);
        }
        long[] values = new long[(int) length];
        for (int i = 0; i < length; i++) {
            values[i] = size == 8 ? in.readLong() : in.readInt();
        }
        return values;
    }
}
