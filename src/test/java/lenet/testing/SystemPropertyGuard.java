package lenet.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Puts a system property back as it was before each test: {@code @RegisterExtension}. */
public final class SystemPropertyGuard implements BeforeEachCallback, AfterEachCallback {
    private final String name;
    private String before;

    public SystemPropertyGuard(String name) {
        this.name = name;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        before = System.getProperty(name);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (before == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, before);
        }
    }
}
