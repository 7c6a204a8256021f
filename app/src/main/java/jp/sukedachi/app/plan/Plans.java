package jp.sukedachi.app.plan;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/** The plan capability's API for the others (dispatch, insurance, statements, reports). */
public interface Plans {
    /** The company's contract in force on that day, if it has one, with the terms agreed when it was made. */
    Optional<ContractTerms> contractOf(UUID tenantId, LocalDate on);
}
