package lenet.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions of lenet and of the DL4J release it was built against, written into the jar at build time. */
public final class Versions {
    private static final Properties PROPS = load();

    private Versions() {}

    public static String lenet() {
        return PROPS.getProperty("lenet.version", "unknown");
    }

    public static String dl4j() {
        return PROPS.getProperty("dl4j.version", "unknown");
    }

    private static Properties load() {
        Properties props = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/lenet-version.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }
}
