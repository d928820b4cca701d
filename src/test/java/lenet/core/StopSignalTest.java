package lenet.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StopSignalTest {
    @Test
    void firstSignalAsksToStopAndSecondQuitsAtOnceWith130() {
        List<String> events = new ArrayList<>();
        StopSignal stop = new StopSignal(() -> events.add("told the user"), code -> events.add("halt " + code));
        assertThat(stop.requested()).isFalse();

        stop.request();
        assertThat(stop.requested()).isTrue();
        assertThat(events).containsExactly("told the user");

        stop.request();
        assertThat(events).containsExactly("told the user", "halt 130");
    }

    @Test
    void sigtermStopsWith143AndASecondSignalQuitsWithItsOwnCode() {
        List<String> events = new ArrayList<>();
        StopSignal stop = new StopSignal(() -> events.add("told the user"), code -> events.add("halt " + code));
        assertThat(stop.exitCode()).isEqualTo(130);

        stop.request(143); // SIGTERM
        assertThat(stop.exitCode()).isEqualTo(143);
        stop.request(130); // then Ctrl-C
        assertThat(events).containsExactly("told the user", "halt 130");
        assertThat(stop.exitCode()).as("the run stopped by SIGTERM").isEqualTo(143);
    }

    @Test
    void aRequestNobodySignalsNeverHalts() {
        StopSignal stop = StopSignal.none();
        stop.request();
        stop.request(); // would end the test JVM if it halted
        assertThat(stop.requested()).isTrue();
    }
}
