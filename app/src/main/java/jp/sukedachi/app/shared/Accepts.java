package jp.sukedachi.app.shared;

import java.util.List;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** Content negotiation for endpoints that answer in several formats (statement, statistics). */
public final class Accepts {
    private Accepts() {
    }

    /**
     * The offered type the Accept header gives the highest quality (the most specific matching entry counts, as in
     * RFC 9110); the earlier offered type on a tie; the first for no Accept; null when it takes none (or is
     * malformed).
     */
    public static MediaType best(String accept, List<MediaType> offered) {
        if (accept == null || accept.isBlank()) {
            return offered.getFirst();
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return null;
        }
        MediaType best = null;
        double bestQuality = 0;
        for (MediaType o : offered) {
            double q = quality(accepted, o);
            if (q > bestQuality) {
                best = o;
                bestQuality = q;
            }
        }
        return best;
    }

    private static double quality(List<MediaType> accepted, MediaType offered) {
        int best = -1;
        double quality = 0;
        for (MediaType a : accepted) {
            if (!a.includes(offered)) {
                continue;
            }
            int specificity = a.isWildcardType() ? 0 : a.isWildcardSubtype() ? 1 : 2;
            if (specificity > best) {
                best = specificity;
                quality = a.getQualityValue();
            }
        }
        return quality;
    }
}
