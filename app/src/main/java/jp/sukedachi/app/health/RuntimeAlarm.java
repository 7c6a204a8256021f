package jp.sukedachi.app.health;

import java.util.List;

/**
 * Where the watch sends its alarm. Implemented by the notification capability (mail, chat webhook), so health
 * does not depend on notify: notify depends on health for {@link RuntimeProblem} already.
 */
public interface RuntimeAlarm {
    /** New problems appeared; called once per change, never per check. */
    void raised(List<RuntimeProblem> problems);

    /** All problems are gone. */
    void cleared();
}
