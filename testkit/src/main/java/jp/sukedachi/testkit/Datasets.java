package jp.sukedachi.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared public datasets, read in place from {@code ../shared/datasets} beside the repository. Maven's
 * surefire sets {@code sukedachi.repo.root}; without it (a test started from a module folder) the folder is
 * looked up two levels above the module. A missing folder fails the test with the path it expected rather
 * than skipping it: the datasets are part of the test suite.
 */
public final class Datasets {
    private Datasets() {
    }

    /** The datasets folder; fails when it is not there. */
    public static Path root() {
        String repo = System.getProperty("sukedachi.repo.root", "..");
        Path root = Path.of(repo).resolve("../shared/datasets").normalize();
        if (!Files.isDirectory(root)) {
            root = Path.of("../../shared/datasets").toAbsolutePath().normalize();
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("datasets not found at " + root + " (expected ../shared/datasets beside the repo)");
        }
        return root;
    }

    /** A file or folder inside the datasets folder, e.g. {@code suricata-verify-eve/x.eve.json}. */
    public static Path path(String relative) {
        return root().resolve(relative);
    }

    /** The SigmaHQ repository (rules and regression data). */
    public static Path sigma() {
        return path("sigmahq-sigma");
    }
}
