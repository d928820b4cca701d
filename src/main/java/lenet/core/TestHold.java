package lenet.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets a test stop a run at a named point, so that it can send a signal there and know where it landed, instead of
 * sleeping a guessed time. With {@code -Dlenet.test.hold=NAME} the run, the first time it reaches {@code NAME},
 * prints {@code lenet-test: holding at NAME} to stderr and waits for a line on its standard input; without the
 * property (every real run) {@link #at} does nothing.
 */
public final class TestHold {
    /** The system property naming the point to hold at. */
    public static final String PROPERTY = "lenet.test.hold";

    private static final Set<String> HELD = ConcurrentHashMap.newKeySet();

    private TestHold() {}

    /** Holds here, once, if the property names {@code point}. */
    public static void at(String point) {
        if (!point.equals(System.getProperty(PROPERTY)) || !HELD.add(point)) {
            return;
        }
        System.err.println("lenet-test: holding at " + point);
        System.err.flush();
        try {
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            // standard input closed: go on
        }
    }
}
