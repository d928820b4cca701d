package lenet.onednn;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SCRATCHPAD;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.global.dnnl.scratchpad_mode;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.primitive_desc_base;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * A list of oneDNN primitives with their arguments, made once and run in order as often as needed, and the small
 * helpers that build one: arrays in oneDNN's layouts, and conversions into them only where a layout differs.
 *
 * <p>Every primitive is made with {@link #attributes()}: its scratch memory is the list's own, one array the size of
 * the largest that any of them needs. oneDNN's default keeps it per thread instead, made by the thread that makes
 * the primitive; run from another thread (a server's, after a warm-up on the starting thread), a primitive found
 * none there and wrote to address 0, which crashed the JVM.
 */
final class OneDnnSteps {
    final engine eng;
    private final stream strm;
    private final List<primitive> primitives = new ArrayList<>();
    private final List<IntMemoryMap> arguments = new ArrayList<>();
    /** The arguments of the primitives that need scratch memory, and (below) the layout each needs. */
    private final List<IntMemoryMap> scratchArguments = new ArrayList<>();

    private final List<memory.desc> scratchLayouts = new ArrayList<>();
    /** The scratch memory all of them share (they run one after another), made at the first run. */
    private memory scratchpad;

    /** Whether the steps run on one OpenMP thread, whatever the count on the calling thread. */
    private final boolean alone;

    OneDnnSteps(engine eng, stream strm, boolean alone) {
        this.eng = eng;
        this.strm = strm;
        this.alone = alone;
    }

    /** What every primitive of a chain is made with: scratch memory that the chain gives it (class comment). */
    static primitive_attr attributes() {
        primitive_attr attr = new primitive_attr();
        attr.set_scratchpad_mode(scratchpad_mode.user);
        return attr;
    }

    /**
     * Appends {@code p}, made with {@link #attributes()} (else this throws), run with the arguments given as pairs of
     * {@code DNNL_ARG_*} and {@link memory}.
     */
    void add(primitive p, Object... pairs) {
        IntMemoryMap map = new IntMemoryMap();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((Integer) pairs[i], (memory) pairs[i + 1]);
        }
        primitive_desc_base pd = new primitive_desc_base(p.get_dnnl_primitive_desc(), true);
        if (pd.get_primitive_attr().get_scratchpad_mode().value != scratchpad_mode.user.value) {
            throw new IllegalStateException(
                    pd.impl_info_str().getString() + " was made without OneDnnSteps.attributes()");
        }
        memory.desc scratch = pd.scratchpad_desc();
        if (scratch.get_size() > 0) {
            scratchArguments.add(map);
            scratchLayouts.add(scratch);
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

    /**
     * The first of {@code sameValues} (arrays holding the same values in different layouts, when the array is used)
     * that has the layout {@code want}; else a new array and a conversion of the first into it.
     */
    memory toLayout(memory.desc want, memory... sameValues) {
        for (memory m : sameValues) {
            if (m.get_desc().equals(want)) {
                return m;
            }
        }
        return toLayout(sameValues[0], want);
    }

    /**
     * Appends the weight-gradient primitive {@code p} (described by {@code pd}) of a layer's input {@code src} and
     * output gradient {@code diffDst}, each converted to the layout it wants; the weight gradient goes to
     * {@code weightsTo} (converted, unless {@code pd} writes that layout itself), the bias gradient to {@code biasTo}.
     */
    void weightGradients(
            primitive p, primitive_desc_base pd, memory src, memory diffDst, memory weightsTo, memory biasTo) {
        memory s = toLayout(src, pd.src_desc());
        memory dd = toLayout(diffDst, pd.diff_dst_desc());
        memory dw = weightsTo.get_desc().equals(pd.diff_weights_desc()) ? weightsTo : owned(pd.diff_weights_desc());
        add(p, DNNL_ARG_SRC, s, DNNL_ARG_DIFF_DST, dd, DNNL_ARG_DIFF_WEIGHTS, dw, DNNL_ARG_DIFF_BIAS, biasTo);
        copy(dw, weightsTo);
    }

    /** Appends a conversion from one array to another, unless they are the same. */
    void copy(memory from, memory to) {
        if (from != to) {
            add(new reorder(from, to, attributes()), DNNL_ARG_FROM, from, DNNL_ARG_TO, to);
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
        if (scratchpad == null && !scratchLayouts.isEmpty()) {
            long bytes = scratchLayouts.stream()
                    .mapToLong(memory.desc::get_size)
                    .max()
                    .orElseThrow();
            scratchpad = owned(new memory.desc(dims(bytes), memory.data_type.u8, memory.format_tag.x));
            for (int i = 0; i < scratchLayouts.size(); i++) {
                scratchArguments
                        .get(i)
                        .put(DNNL_ARG_SCRATCHPAD, new memory(scratchLayouts.get(i), eng, scratchpad.get_data_handle()));
            }
        }
        for (int i = 0; i < primitives.size(); i++) {
            primitives.get(i).execute(strm, arguments.get(i));
        }
        strm._wait();
    }

    /** A new array in the layout {@code want} holding {@code values} (given in {@code plain}'s layout), filled now. */
    memory constant(memory.desc plain, memory.desc want, float[] values) {
        memory from = owned(plain);
        new FloatPointer(from.get_data_handle()).put(values);
        memory to = owned(want);
        IntMemoryMap map = new IntMemoryMap();
        map.put(DNNL_ARG_FROM, from);
        map.put(DNNL_ARG_TO, to);
        new reorder(from, to).execute(strm, map);
        strm._wait();
        return to;
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
