package jp.sukedachi.intel;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared public datasets, read in place from ../shared/datasets beside the repository. */
public final class Datasets {
    private Datasets() {
    }

    public static Path root() {
        String repo = System.getProperty("sukedachi.repo.root", "..");
        Path root = Path.of(repo).resolve("../shared/datasets").normalize();
        if (!Files.isDirectory(root)) {
            // Running from a module folder without Maven's property.
            root = Path.of("../../shared/datasets").toAbsolutePath().normalize();
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("datasets not found at " + root + " (expected ../shared/datasets beside the repo)");
        }
        return root;
    }

    public static Path path(String relative) {
        return root().resolve(relative);
    }
}
