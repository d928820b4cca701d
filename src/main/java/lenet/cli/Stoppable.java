package lenet.cli;

import lenet.core.StopSignal;

/**
 * A command that stops gracefully on Ctrl-C or SIGTERM: it takes over the stop request {@link Cli} installed for the
 * start-up, and closes it when it ends.
 */
interface Stoppable {
    void takeOver(StopSignal stop);
}
