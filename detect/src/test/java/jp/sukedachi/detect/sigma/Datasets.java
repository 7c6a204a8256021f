package jp.sukedachi.detect.sigma;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared public datasets, read in place from ../shared/datasets beside the repository. */
final class Datasets {
    private Datasets() {
    }

    static Path path(String relative) {
        String repo = System.getProperty("sukedachi.repo.root", "..");
        Path root = Path.of(repo).resolve("../shared/datasets").normalize();
        if (!Files.isDirectory(root)) {
            root = Path.of("../../shared/datasets").toAbsolutePath().normalize();
        }
        return root.resolve(relative);
    }

    static Path sigma() {
        return path("sigmahq-sigma");
    }
}
