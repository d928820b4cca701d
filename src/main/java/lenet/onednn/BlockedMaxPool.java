package lenet.onednn;

import static lenet.onednn.OneDnnSteps.at;
import static lenet.onednn.OneDnnSteps.dims;
import static lenet.onednn.OneDnnSteps.plain;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_ATTR_MULTIPLE_POST_OP_BASE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_0;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_1;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;

import org.bytedeco.dnnl.binary;
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.reorder;

/**
 * 2×2 max-pooling, stride 2, for inference on an array in oneDNN's blocks of 8 channels ({@code aBcd8b}, the layout
 * its AVX2 convolutions write), made of other oneDNN primitives: four strided copies, one per corner of the 2×2
 * windows, and one elementwise maximum of the four. oneDNN 2.3's own pooling kernel for that layout ({@code
 * jit:avx2}) was the slowest step of AVX2 inference at batch 1,000: 5.1 ms of about 17 per 1,000 images for the first
 * pooling, where AVX-512's kernel for its NHWC layout takes 0.8 ms. Made this way, AVX2 inference went from 57,000
 * and 63,000 images/s to 71,000 and 73,000 at batch 1,000, and from 17,000 to 19,000 and 21,000 at batch 1
 * (performance.md). Training keeps oneDNN's pooling, whose workspace the backward pass reads.
 */
final class BlockedMaxPool {
    private static final int BLOCK = 8;

    private BlockedMaxPool() {}

    /** Whether {@code src}, of {@code dims} (N, C, H, W), is in 8-channel blocks with an even height and width. */
    static boolean applies(memory.desc src, long[] dims) {
        return dims[2] % 2 == 0 && dims[3] % 2 == 0 && src.equals(plain(memory.format_tag.aBcd8b, dims));
    }

    /** Appends the pooling of {@code src} (N, C, H, W in 8-channel blocks) to {@code steps}; returns its output. */
    static memory append(OneDnnSteps steps, memory src, long[] dims) {
        long n = dims[0];
        long blocks = (dims[1] + BLOCK - 1) / BLOCK;
        long h = dims[2];
        long w = dims[3];
        memory dst = steps.owned(plain(memory.format_tag.aBcd8b, n, dims[1], h / 2, w / 2));
        // both layouts as plain 5-D arrays (N, C/8, H, W, 8): the corners of the windows are strided views of src,
        // and the output, with its padding channels, is one dense array of the pooled size
        long[] pooled = dims(n, blocks, h / 2, w / 2, BLOCK);
        long[] strides = dims(blocks * h * w * BLOCK, h * w * BLOCK, 2 * w * BLOCK, 2 * BLOCK, 1);
        memory.desc corner = new memory.desc(pooled, memory.data_type.f32, strides);
        memory.desc dense = plain(memory.format_tag.abcde, pooled);
        long base = src.get_data_handle().address();
        memory[] corners = new memory[4];
        for (int k = 0; k < 4; k++) {
            memory view = new memory(corner, steps.eng, at(base + 4 * ((k / 2) * w + k % 2) * BLOCK));
            corners[k] = k == 0 ? new memory(dense, steps.eng, dst.get_data_handle()) : steps.owned(dense);
            steps.add(
                    new reorder(view, corners[k], OneDnnSteps.attributes()),
                    DNNL_ARG_FROM,
                    view,
                    DNNL_ARG_TO,
                    corners[k]);
        }
        // max(corner 0, corner 1), then the maximum with corners 2 and 3 as post-ops, written over corner 0
        post_ops ops = new post_ops();
        ops.append_binary(algorithm.binary_max, dense);
        ops.append_binary(algorithm.binary_max, dense);
        primitive_attr attr = OneDnnSteps.attributes();
        attr.set_post_ops(ops);
        binary.primitive_desc max =
                new binary.primitive_desc(new binary.desc(algorithm.binary_max, dense, dense, dense), attr, steps.eng);
        steps.add(
                new binary(max),
                DNNL_ARG_SRC_0,
                corners[0],
                DNNL_ARG_SRC_1,
                corners[1],
                DNNL_ARG_ATTR_MULTIPLE_POST_OP_BASE | DNNL_ARG_SRC_1,
                corners[2],
                DNNL_ARG_ATTR_MULTIPLE_POST_OP_BASE * 2 | DNNL_ARG_SRC_1,
                corners[3],
                DNNL_ARG_DST,
                corners[0]);
        return dst;
    }
}
