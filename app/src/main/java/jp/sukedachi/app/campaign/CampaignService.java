package jp.sukedachi.app.campaign;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import jp.sukedachi.app.campaign.CampaignRepository.Campaign;
import jp.sukedachi.app.campaign.CampaignRepository.CampaignKey;
import jp.sukedachi.app.campaign.CampaignRepository.Link;
import jp.sukedachi.app.intel.IntelService;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.app.triage.AlertQueries;
import jp.sukedachi.detect.campaign.CampaignKeys.Key;
import jp.sukedachi.detect.campaign.CampaignKeys.Kind;
import jp.sukedachi.detect.campaign.CampaignKeys.Shareable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Campaigns for the provider's analysts: the list, one campaign with the companies and their alerts, and sharing
 * its indicators with every customer (through {@link IntelService#shareWithEveryCustomer}, the same anonymous
 * publication as intel's own "share", audited per indicator). Provider admins and analysts only: a campaign names
 * the companies it links, which no company may learn of another.
 */
@Service
public class CampaignService {
    private final CampaignRepository campaigns;
    private final TenantRepository tenants;
    private final AlertQueries alerts;
    private final IntelService intel;
    private final Clock clock;

    CampaignService(CampaignRepository campaigns, TenantRepository tenants, AlertQueries alerts, IntelService intel,
            Clock clock) {
        this.campaigns = campaigns;
        this.tenants = tenants;
        this.alerts = alerts;
        this.intel = intel;
        this.clock = clock;
    }

    static void requireStaff(Actor actor) {
        if (actor.role() != Role.PROVIDER_ADMIN && actor.role() != Role.ANALYST) {
            throw new AccessDeniedException("campaigns are for the provider's admins and analysts");
        }
    }

    /** One company's alert in a campaign, as staff read it. */
    public record Company(UUID tenantId, String name, String slug, String entity, UUID alertId, String alertTitle,
            String alertStatus, Key key, java.time.Instant firstSeen, java.time.Instant lastSeen) {
    }

    /**
     * A key of a campaign: whether it can be shared as an indicator, whether it is ticked on the share form by
     * default (file hashes and intel indicators; a sender domain only when the analyst ticks it), and whether it
     * is some company's own (its mail domain, its private indicator: never shared).
     */
    public record KeyView(Kind kind, String value, boolean shareable, boolean ticked, boolean companyOwn) {
        /** What the share form posts for this key. */
        public String id() {
            return kind.name() + ":" + value;
        }
    }

    /** A campaign as staff read it. */
    public record View(UUID id, String shortId, java.time.Instant firstSeen, java.time.Instant lastSeen,
            java.time.Instant sharedAt, String sharedBy, int companies, List<Company> links, List<KeyView> keys) {
        public boolean canShare() {
            return keys.stream().anyMatch(KeyView::shareable);
        }
    }

    @Transactional(readOnly = true)
    public List<View> recent(Actor actor, int limit) {
        requireStaff(actor);
        List<Campaign> list = campaigns.recent(limit);
        Map<UUID, List<Link>> links = new LinkedHashMap<>();
        campaigns.links(actor, list.stream().map(Campaign::id).toList())
                .forEach(l -> links.computeIfAbsent(l.campaignId(), k -> new ArrayList<>()).add(l));
        Map<UUID, Tenant> names = new LinkedHashMap<>();
        List<View> out = new ArrayList<>();
        for (Campaign c : list) {
            out.add(view(actor, c, links.getOrDefault(c.id(), List.of()), names, false));
        }
        return out;
    }

    @Transactional(readOnly = true)
    public View find(Actor actor, UUID id) {
        requireStaff(actor);
        Campaign c = campaigns.find(id).orElseThrow(() -> new NotFoundException("campaign"));
        return view(actor, c, campaigns.links(actor, List.of(id)), new LinkedHashMap<>(), true);
    }

    /** The id of the campaign whose alerts carry this rule id ({@code campaign:<short id>}). */
    @Transactional(readOnly = true)
    public UUID findByRule(Actor actor, String ruleId) {
        requireStaff(actor);
        String shortId = ruleId == null || !ruleId.startsWith("campaign:") ? "" : ruleId.substring("campaign:".length());
        return campaigns.findByShortId(shortId).map(Campaign::id).orElseThrow(() -> new NotFoundException("campaign"));
    }

    /**
     * Publishes the campaign's shareable keys ticked by default (file hashes and intel indicators; see
     * {@link #share(Actor, UUID, Collection)}).
     */
    @Transactional
    public int share(Actor actor, UUID id) {
        return share(actor, id, null);
    }

    /**
     * Publishes the chosen keys of the campaign ({@link KeyView#id()}; null: those ticked by default) to every
     * customer, naming no company. Only shareable keys (file hashes, sender domains, intel indicators; not subjects
     * or Sigma patterns) and never a company's own: a sender domain that is some company's mail domain (the victim
     * whose mailboxes sent the attack, not the attacker) nor a company's private indicator, whatever was posted.
     * Returns how many indicators were shared.
     */
    @Transactional
    public int share(Actor actor, UUID id, Collection<String> chosen) {
        requireStaff(actor);
        Campaign c = campaigns.find(id).orElseThrow(() -> new NotFoundException("campaign"));
        List<IntelService.ToShare> out = new ArrayList<>();
        for (KeyAndView k : keys(id)) {
            boolean wanted = chosen == null ? k.view().ticked() : chosen.contains(k.view().id());
            if (wanted && k.view().shareable()) {
                Shareable s = k.key().key().shareable();
                out.add(new IntelService.ToShare(s.type(), s.value(), threatType(k.key())));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no indicator of this campaign that can be shared was chosen");
        }
        int n = intel.shareWithEveryCustomer(actor, out, "campaign:" + c.shortId());
        campaigns.markShared(id, actor.login(), clock.instant());
        return n;
    }

    private record KeyAndView(CampaignKey key, KeyView view) {
    }

    /** The campaign's keys, each with what the share form shows (see {@link KeyView}). */
    private List<KeyAndView> keys(UUID campaignId) {
        List<CampaignKey> keys = campaigns.keys(campaignId);
        Set<String> ownDomains = keys.stream().anyMatch(k -> k.key().kind() == Kind.SENDER_DOMAIN)
                ? campaigns.companyMailDomains() : Set.of();
        List<KeyAndView> out = new ArrayList<>(keys.size());
        for (CampaignKey k : keys) {
            Shareable s = k.key().shareable();
            boolean own = switch (k.key().kind()) {
                case SENDER_DOMAIN -> isOwnDomain(k.key().value(), ownDomains);
                case INDICATOR, FILE_HASH -> s != null && campaigns.isCompanyIndicator(s.type().name(), s.value());
                default -> false;
            };
            boolean shareable = s != null && !own;
            out.add(new KeyAndView(k, new KeyView(k.key().kind(), k.key().value(), shareable,
                    shareable && k.key().kind() != Kind.SENDER_DOMAIN, own)));
        }
        return out;
    }

    /** Whether a sender domain is a company's mail domain, or a subdomain or parent of one. */
    static boolean isOwnDomain(String domain, Set<String> own) {
        String d = domain.toLowerCase(Locale.ROOT);
        for (String o : own) {
            if (d.equals(o) || d.endsWith("." + o) || o.endsWith("." + d)) {
                return true;
            }
        }
        return false;
    }

    /** The threat type the shared indicator carries: intel's own word when it had one, else what the key is. */
    private static String threatType(CampaignKey k) {
        if (k.threatType() != null) {
            return k.threatType();
        }
        return switch (k.key().kind()) {
            case FILE_HASH -> "payload";
            case SENDER_DOMAIN -> "phishing";
            default -> null;
        };
    }

    private View view(Actor actor, Campaign c, List<Link> links, Map<UUID, Tenant> names, boolean withAlerts) {
        List<Company> companies = new ArrayList<>();
        for (Link l : links) {
            Tenant t = names.computeIfAbsent(l.tenantId(), x -> tenants.find(actor, x).orElse(null));
            Alert a = withAlerts && l.alertId() != null ? alerts.alert(actor, l.alertId()).orElse(null) : null;
            companies.add(new Company(l.tenantId(), t == null ? null : t.name(), t == null ? null : t.slug(),
                    l.entity(), l.alertId(), a == null ? null : a.title(), a == null ? null : a.status().name(),
                    l.key(), l.firstSeen(), l.lastSeen()));
        }
        List<KeyView> keys = withAlerts ? keys(c.id()).stream().map(KeyAndView::view).toList() : List.of();
        int distinct = (int) links.stream().map(Link::tenantId).distinct().count();
        return new View(c.id(), c.shortId(), c.firstSeen(), c.lastSeen(), c.sharedAt(), c.sharedBy(), distinct,
                companies, keys);
    }
}
