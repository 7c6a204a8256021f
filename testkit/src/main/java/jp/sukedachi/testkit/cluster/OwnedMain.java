package jp.sukedachi.testkit.cluster;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs another program's {@code main} in a JVM that ends when the process that started it ends
 * ({@code OwnedMain <owner pid> <main class> args…}). A test's nodes use it: a shutdown hook in the test JVM does not
 * run when that JVM is killed outright (SIGKILL, a CI timeout), and its nodes would otherwise live on, holding ports and
 * database connections (the broker has the same guard: {@code --owner-pid}).
 */
public final class OwnedMain {
    private OwnedMain() {
    }

    public static void main(String[] args) throws Exception {
        long owner = Long.parseLong(args[0]);
        ProcessHandle.of(owner).ifPresentOrElse(h -> {
            Thread watch = new Thread(() -> {
                h.onExit().join();
                System.err.println("the process that started this node (pid " + owner + ") ended; stopping");
                Runtime.getRuntime().halt(1);
            }, "owner-watch");
            watch.setDaemon(true);
            watch.start();
        }, () -> Runtime.getRuntime().halt(1));
        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }
}
