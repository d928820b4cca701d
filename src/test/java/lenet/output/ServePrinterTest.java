package lenet.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import lenet.serving.ServeSettings;
import org.junit.jupiter.api.Test;

/** What {@code lenet serve} says when it starts and stops, and its warning for an address others can reach. */
class ServePrinterTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private void listening(String host, boolean json) {
        new ServePrinter(new PrintWriter(out), new PrintWriter(err), json)
                .listening(
                        URI.create("http://" + host + ":8080/"),
                        "models/lenet.zip",
                        "CPU (OPENBLAS)",
                        ServeSettings.defaults(host, 8080));
    }

    @Test
    void theStartupLineSaysWhereItListensAndHowToUseIt() {
        listening("127.0.0.1", false);
        assertThat(out.toString())
                .startsWith("lenet serve: listening on http://127.0.0.1:8080/ (model models/lenet.zip, CPU (OPENBLAS))")
                .contains("curl -F image=@digit.png http://127.0.0.1:8080/predict");
        assertThat(err.toString()).isEqualTo("Ctrl-C stops it." + System.lineSeparator());
    }

    @Test
    void anAddressOtherMachinesCanReachIsWarnedAbout() {
        listening("0.0.0.0", false);
        assertThat(err.toString()).contains("0.0.0.0 is not a loopback address: other machines can reach this server");
    }

    @Test
    void withJsonTheStartupLineIsOneObject() throws Exception {
        listening("127.0.0.1", true);
        assertThat(out.toString().lines()).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(out.toString());
        assertThat(line.get("listening").asText()).isEqualTo("http://127.0.0.1:8080/");
        assertThat(line.get("batch_size").asInt()).isEqualTo(64);
        assertThat(line.get("batch_wait_ms").asDouble()).isEqualTo(2.0);
    }
}
