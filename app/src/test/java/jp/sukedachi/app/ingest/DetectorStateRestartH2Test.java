package jp.sukedachi.app.ingest;

import java.util.List;

/** The restart on the embedded default: H2 in the data folder. */
class DetectorStateRestartH2Test extends DetectorStateRestartContract {
    @Override
    List<String> databaseArgs() {
        return List.of();
    }
}
