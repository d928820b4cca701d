package lenet.onednn;

import static lenet.onednn.OneDnnSteps.plain;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;

import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.junit.jupiter.api.Test;

/**
 * A chain takes only primitives whose scratch memory it gives them: one made with oneDNN's default attributes would
 * use scratch memory of the thread that made it, and crash when run from another (OneDnnNetworkTest runs a chain from
 * a thread that did not make it).
 */
class OneDnnStepsTest {

    @Test
    void aPrimitiveMadeWithoutTheChainsAttributesIsRefused() {
        engine eng = new engine(engine.kind.cpu, 0);
        OneDnnSteps steps = new OneDnnSteps(eng, new stream(eng), true);
        memory from = steps.owned(plain(memory.format_tag.nchw, 2, 8, 4, 4));
        memory to = steps.owned(plain(memory.format_tag.nhwc, 2, 8, 4, 4));

        assertThatThrownBy(() -> steps.add(new reorder(from, to), DNNL_ARG_FROM, from, DNNL_ARG_TO, to))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("without OneDnnSteps.attributes()");
        steps.add(new reorder(from, to, OneDnnSteps.attributes()), DNNL_ARG_FROM, from, DNNL_ARG_TO, to);
    }
}
