package lenet;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import lenet.cli.Cli;

/** Entry point: runs the command line and exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Charset charset = Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, charset), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, charset), true);
        int code = Cli.getCommandLine(out, err).execute(args);
        out.flush();
        err.flush();
        // ND4J keeps non-daemon threads alive; exit explicitly.
        System.exit(code);
    }
}
