package jp.sukedachi.intel.feed;

import java.util.List;

/**
 * What an import did.
 *
 * @param imported  indicators given to the sink
 * @param rejected  lines, records or values that were not imported because they are bad or unsupported
 *                  (comments, banners, headers and MISP attributes not meant for detection are not counted)
 * @param errors    the first {@value FeedImporter#MAX_ERRORS} rejections with their reasons
 */
public record ImportResult(int imported, int rejected, List<ImportError> errors) {
    public ImportResult {
        errors = List.copyOf(errors);
    }
}
