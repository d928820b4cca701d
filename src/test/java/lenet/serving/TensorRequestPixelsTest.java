package lenet.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/**
 * The same grey levels as UINT8 binary data and as FP32 JSON become the same pixels, bit for bit: what the Open
 * Inference Protocol's two encodings must agree on before any arithmetic (ServeInferenceBatchTest compares the
 * answers, which two forward passes give equal only to the compute path's rounding).
 */
class TensorRequestPixelsTest {
    @Test
    void uint8BinaryAndFp32JsonOfTheSameGreyLevelsAreTheSamePixels() throws Exception {
        int images = 2;
        byte[] grey = new byte[images * 784];
        StringJoiner scaled = new StringJoiner(",");
        for (int k = 0; k < grey.length; k++) {
            int level = (k * 7) % 256; // every level from 0 to 255 in each image
            grey[k] = (byte) level;
            scaled.add(Float.toString(level / 255f)); // the export's scaling: grey/255, ink 1
        }
        String header = "{\"inputs\": [{\"name\": \"pixels\", \"datatype\": \"UINT8\", \"shape\": [" + images
                + ", 28, 28], \"parameters\": {\"binary_data_size\": " + grey.length + "}}]}";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(header.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(grey);
        List<float[]> fromUint8 = TensorRequest.read(
                        body.toByteArray(), Integer.toString(header.getBytes(StandardCharsets.UTF_8).length), 64)
                .pixels();
        List<float[]> fromJson = TensorRequest.read(
                        ("{\"inputs\": [{\"name\": \"pixels\", \"datatype\": \"FP32\", \"shape\": [" + images
                                        + ", 784], \"data\": [" + scaled + "]}]}")
                                .getBytes(StandardCharsets.UTF_8),
                        null,
                        64)
                .pixels();
        assertThat(fromUint8).hasSize(images);
        assertThat(fromJson).hasSize(images);
        for (int i = 0; i < images; i++) {
            float[] expected = new float[784];
            for (int k = 0; k < 784; k++) {
                expected[k] = (grey[i * 784 + k] & 0xff) / 255f;
            }
            assertThat(fromUint8.get(i)).as("image %d from UINT8", i).containsExactly(expected);
            assertThat(fromJson.get(i)).as("image %d from FP32 JSON", i).containsExactly(expected);
        }
    }
}
