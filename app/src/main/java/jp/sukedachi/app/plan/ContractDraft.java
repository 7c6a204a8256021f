package jp.sukedachi.app.plan;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A company's contract as staff set it: the plan, the first day (and the last, or none while it runs on), the
 * network devices and the endpoints contracted.
 */
public record ContractDraft(UUID planId, LocalDate start, LocalDate end, Integer devices, Integer endpoints) {
}
