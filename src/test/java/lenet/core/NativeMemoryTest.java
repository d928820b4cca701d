package lenet.core;

import static org.assertj.core.api.Assertions.assertThat;

import lenet.testing.SystemPropertyGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NativeMemoryTest {
    @RegisterExtension
    final SystemPropertyGuard property = new SystemPropertyGuard(NativeMemory.MAX_PHYSICAL_BYTES);

    @Test
    void turnsOffTheResidentSizeCheck() {
        System.clearProperty(NativeMemory.MAX_PHYSICAL_BYTES);
        NativeMemory.configure();
        assertThat(System.getProperty(NativeMemory.MAX_PHYSICAL_BYTES)).isEqualTo("0");
    }

    @Test
    void keepsTheUsersLimit() {
        System.setProperty(NativeMemory.MAX_PHYSICAL_BYTES, "3g");
        NativeMemory.configure();
        assertThat(System.getProperty(NativeMemory.MAX_PHYSICAL_BYTES)).isEqualTo("3g");
    }
}
