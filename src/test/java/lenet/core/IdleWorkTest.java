package lenet.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class IdleWorkTest {
    @Test
    void aWaitDoesTheOfferedPiecesThenSpinsUntilDone() {
        AtomicInteger left = new AtomicInteger(5);
        AtomicInteger polls = new AtomicInteger();
        BooleanSupplier piece = () -> left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        IdleWork.offer(piece);
        try {
            IdleWork.waitUntil(() -> polls.incrementAndGet() > 20);
        } finally {
            IdleWork.withdraw(piece);
        }
        assertThat(left).hasValue(0); // all five pieces done while it waited
        assertThat(polls).hasValue(21); // and it asked whether it was done before each piece
    }

    @Test
    void aWithdrawalRemovesOnlyItsOwnOffer() {
        AtomicInteger taken = new AtomicInteger();
        BooleanSupplier mine = () -> taken.incrementAndGet() < 0;
        BooleanSupplier earlier = () -> false;
        IdleWork.offer(earlier);
        IdleWork.offer(mine); // replaces the earlier offer
        IdleWork.withdraw(earlier); // no longer the offer: nothing happens
        AtomicInteger polls = new AtomicInteger();
        IdleWork.waitUntil(() -> taken.get() > 0 || polls.incrementAndGet() > 1_000);
        assertThat(taken).hasValue(1);
        IdleWork.withdraw(mine);
        polls.set(0);
        IdleWork.waitUntil(() -> polls.incrementAndGet() > 3);
        assertThat(taken).hasValue(1); // withdrawn: not taken again
    }
}
