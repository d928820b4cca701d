package lenet.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NativeMemoryTest {
    private final String before = System.getProperty(NativeMemory.MAX_PHYSICAL_BYTES);

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(NativeMemory.MAX_PHYSICAL_BYTES);
        } else {
            System.setProperty(NativeMemory.MAX_PHYSICAL_BYTES, before);
        }
    }

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
