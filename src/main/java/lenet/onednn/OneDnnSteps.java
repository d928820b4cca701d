package lenet.onednn;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * A list of oneDNN primitives with their arguments, made once and run in order as often as needed, and the small
 * helpers that build one: arrays in oneDNN's layouts, and conversions into them only where a layout differs.
 */
final class OneDnnSteps {
    final engine eng;
    private final stream strm;
    private final List<primitive> primitives = new ArrayList<>();
    private final List<IntMemoryMap> arguments = new ArrayList<>();

    /** Whether the steps run on one OpenMP thread, whatever the count on the calling thread. */
    private final boolean alone;

    OneDnnSteps(engine eng, stream strm, boolean alone) {
        this.eng = eng;
        this.strm = strm;
        this.alone = alone;
    }

    /** Appends {@code p}, run with the arguments given as pairs of {@code DNNL_ARG_*} and {@link memory}. */
    void add(primitive p, Object... pairs) {
        IntMemoryMap map = new IntMemoryMap();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((Integer) pairs[i], (memory) pairs[i + 1]);
        }
        primitives.add(p);
        arguments.add(map);
    }

    /**
     * What {@code make} returns (a primitive or its descriptor), made while OpenMP has one thread. oneDNN fixes a
     * primitive's thread count when it makes it, from OpenMP's count on the calling thread, and runs it on that many.
     */
    static <T> T onOneThread(Supplier<T> make) {
        NativeOps omp = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int threads = omp.ompGetMaxThreads();
        omp.setOmpNumThreads(1);
        try {
            return make.get();
        } finally {
            omp.setOmpNumThreads(threads);
        }
    }

    /** {@code m} itself when it has the layout {@code want}, else a new array and a conversion into it. */
    memory toLayout(memory m, memory.desc want) {
        if (m.get_desc().equals(want)) {
            return m;
        }
        memory converted = owned(want);
        copy(m, converted);
        return converted;
    }

    /** Appends a conversion from one array to another, unless they are the same. */
    void copy(memory from, memory to) {
        if (from != to) {
            add(new reorder(from, to), DNNL_ARG_FROM, from, DNNL_ARG_TO, to);
        }
    }

    void run() {
        if (alone) {
            onOneThread(() -> {
                runAll();
                return null;
            });
        } else {
            runAll();
        }
    }

    private void runAll() {
        for (int i = 0; i < primitives.size(); i++) {
            primitives.get(i).execute(strm, arguments.get(i));
        }
        strm._wait();
    }

    /** A new array oneDNN allocates and owns. */
    memory owned(memory.desc d) {
        return new memory(d, eng);
    }

    /** An array over memory someone else owns, at an address set later ({@link memory#set_data_handle}). */
    memory user(memory.desc d) {
        return new memory(d, eng, new Pointer());
    }

    static memory.desc any(long... dims) {
        return new memory.desc(dims, memory.data_type.f32, memory.format_tag.any);
    }

    static memory.desc plain(memory.format_tag tag, long... dims) {
        return new memory.desc(dims, memory.data_type.f32, tag);
    }

    static long[] dims(long... d) {
        return d;
    }

    /** A pointer to {@code where} (in the initialiser, {@code address} names Pointer's own field). */
    static Pointer at(long where) {
        return new Pointer() {
            {
                address = where;
            }
        };
    }
}
